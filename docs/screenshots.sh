#!/usr/bin/env bash
# Regenerates the README screenshots in docs/screenshots/: starts the app with demo data in a
# temporary folder and photographs the main pages in light and dark themes with Debian Chromium,
# driven by the Playwright copy that the E2E test project already ships (nothing is downloaded).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build AiPolicyHub.sln -nologo -v q -clp:ErrorsOnly
playwright_dir=tests/AiPolicyHub.E2E.Tests/bin/Debug/net10.0/.playwright
node="$playwright_dir/node/linux-x64/node"
data=$(mktemp -d)
port=5187
trap 'kill $app 2>/dev/null || true; rm -rf "$data"' EXIT
(cd src/AiPolicyHub.Web/bin/Debug/net10.0 && ASPNETCORE_ENVIRONMENT=Production Database__DataFolder="$data" \
    AIPOLICYHUB_ADMIN_EMAIL=admin@example.com AIPOLICYHUB_ADMIN_PASSWORD='screenshots password' Security__RequireTwoFactorForRoles= \
    exec dotnet AiPolicyHub.Web.dll --urls "http://127.0.0.1:$port" --seed-demo) > "${SCREENSHOT_LOG:-$data/app.log}" 2>&1 &
app=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
PLAYWRIGHT_DIR="$(pwd)/$playwright_dir/package" BASE_URL="http://127.0.0.1:$port" OUT="$(pwd)/docs/screenshots" \
    "$node" docs/screenshots.mjs || { tail -40 "${SCREENSHOT_LOG:-$data/app.log}"; exit 1; }
