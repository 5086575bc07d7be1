#!/usr/bin/env bash
# One entry point for every benchmark: ./bench.sh <area> [arguments]
# Builds the benchmarks in Release, then runs <area>, which prints one "name: value unit" line per
# figure. Without an area (or with an unknown one) it lists the areas and exits 2.
# Benchmarks are separate from the test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

project=benchmarks/AiPolicyHub.Benchmarks

# The import area compares with the sqlite3 shell's .import (the floor); install the shell when missing and allowed.
if [[ "${1:-}" == "import" ]] && ! command -v sqlite3 >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]]; then
        { apt-get update -qq && apt-get install -y -qq sqlite3; } >&2 || echo "bench.sh: could not install sqlite3" >&2
    else
        echo "bench.sh: install sqlite3 (apt-get install sqlite3) for the import floor figure" >&2
    fi
fi

# The circuits and ui areas drive Debian's Chromium (never a downloaded browser); install it when missing and allowed.
if [[ "${1:-}" == "circuits" || "${1:-}" == "ui" ]] && [[ ! -x /usr/bin/chromium ]]; then
    if [[ $(id -u) -eq 0 ]]; then
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >&2 \
            || { echo "bench.sh: could not install chromium" >&2; exit 1; }
    else
        echo "bench.sh: the circuits area needs Debian's chromium (apt-get install chromium)" >&2
        exit 1
    fi
fi

# Quiet on success (dotnet build always prints a summary), the whole build log on failure.
if ! build_log=$(dotnet build "$project" -c Release -nologo -v q 2>&1); then
    printf '%s\n' "$build_log" >&2
    echo "bench.sh: build failed" >&2
    exit 1
fi

exec dotnet "$project/bin/Release/net10.0/AiPolicyHub.Benchmarks.dll" "$@"
