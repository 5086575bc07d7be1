#!/usr/bin/env bash
# Runs every test of AiPolicyHub: unit, component (bUnit), HTTP pipeline and browser (Debian Chromium) tests on SQLite,
# and the suites that touch the database (Core.Tests, Web.Tests) a second time on a throwaway
# PostgreSQL cluster on 127.0.0.1 (tests/postgres-cluster.sh). Installs what the tests need when it
# is missing (Chromium's headless shell, PDF tools, postgresql, nginx), builds the solution, and exits non-zero on any
# failure.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium-headless-shell >/dev/null 2>&1 || missing+=(chromium-headless-shell)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if ((${#missing[@]} > 0)); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing test dependencies: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        # The packages start their own services; the tests run their own servers on other ports.
        if [[ " ${missing[*]} " == *" postgresql "* ]]; then service postgresql stop >/dev/null 2>&1 || true; fi
        if [[ " ${missing[*]} " == *" nginx "* ]]; then service nginx stop >/dev/null 2>&1 || true; fi
    else
        echo "The tests need: ${missing[*]}. Install them (e.g. sudo apt-get install ${missing[*]}) and run again." >&2
        exit 1
    fi
fi

dotnet build AiPolicyHub.sln -nologo -v q -clp:ErrorsOnly

log=$(mktemp)
postgres=$(mktemp -d /tmp/aipolicyhub-postgres-XXXXXX)
trap 'rm -f "$log"; tests/postgres-cluster.sh stop "$postgres"' EXIT
status=0

# The model and the migrations' snapshot agree: otherwise the next `dotnet ef migrations add` would carry changes that
# belong to an earlier one. dotnet-ef is pinned in .config/dotnet-tools.json (restored from the package registry).
echo "Checking that the EF Core model snapshot matches the model"
if dotnet tool restore >/dev/null \
    && dotnet ef migrations has-pending-model-changes --no-build --project src/AiPolicyHub.Core 2>&1 | tail -1; then
    :
else
    echo "The model and src/AiPolicyHub.Core/Data/Migrations/AppDbContextModelSnapshot.cs differ: add a migration (README, Notes for developers)." >&2
    status=1
fi

# No test takes a date from the machine's clock (it would pass or fail by the day it runs): tests use the test clock
# (Core.Tests' TestClock) or ask the app under test (AppFactory.Now, AppProcess.NowAsync).
if clock_reads=$(grep -rnE 'DateTime(Offset)?\.(UtcNow|Now|Today)\b|TimeProvider\.System\b' tests --include='*.cs' \
    | grep -vE '^tests/[^/]+/(bin|obj)/'); then
    echo "Tests read the system clock for dates:" >&2
    echo "$clock_reads" >&2
    status=1
fi

# Every test process (the test hosts, and the apps and tools the browser tests start) lives for minutes at most. With call
# counting off, the runtime keeps the first, quickly compiled code of each method instead of compiling the busy ones a
# second time in the background, which such short lives never earn back. Measured with each process tree in a cgroup:
# the browser InventoryTests 218 → 179 CPU-s (−18 %), Web.Tests' control and identity tests 90 → 67 (−26 %), Core.Tests'
# rule, agent and report tests 47 → 35 (−25 %). Only the tests run this way; the app in production and the benchmarks keep
# the runtime's defaults. Without the call counting there is nothing for tiered PGO's instrumentation to feed: the app's start
# (to /healthz) 5.1 → 4.6 CPU-s with it off.
export DOTNET_TC_CallCounting=0
export DOTNET_TieredPGO=0

# The browser tests (one at a time, each with its own app and Chromium) run in the background while the other suites run
# on SQLite and then on PostgreSQL: on two cores that overlaps the browser's waiting with the database suites' work.
# A test that hangs fails after 5 minutes instead of eating the CI budget.
e2e_log=$(mktemp)
dotnet test tests/AiPolicyHub.E2E.Tests --no-build -nologo --blame-hang-timeout 5m --logger "console;verbosity=normal" >"$e2e_log" 2>&1 &
e2e=$!
trap 'kill "$e2e" 2>/dev/null || true; rm -f "$log" "$e2e_log"; tests/postgres-cluster.sh stop "$postgres"' EXIT

# The browser tests are the longest path: run alone they take 12 minutes and use 1.3 of the 2 cores. The other suites fill
# the gaps at the lowest priority. `nice -n 10` was not low enough: the database suites' dozens of busy threads together
# outweighed the browser tests' few processes, which then took twice as long. Linux's idle class (chrt --idle) runs them
# only on a core the browser tests leave free; nice 19 where chrt is missing.
background() {
    if command -v chrt >/dev/null 2>&1 && chrt --idle 0 true 2>/dev/null; then chrt --idle 0 "$@"; else nice -n 19 "$@"; fi
}
background dotnet test tests/InMemorySuites.slnf --no-build -nologo --blame-hang-timeout 5m 2>&1 | tee "$log" || status=$?

# The same database suites (Core.Tests and Web.Tests, side by side: tests/DatabaseSuites.slnf) on PostgreSQL;
# every test gets its own database (tests/Shared/TestDatabase.cs).
# Its port lies below the ephemeral range (32768–60999 on Linux), where the browser tests' apps take free ports meanwhile.
echo "Running the database test suites again on PostgreSQL"
if connection=$(background tests/postgres-cluster.sh start "$postgres" "${AIPOLICYHUB_TEST_POSTGRES_PORT:-25432}"); then
    AIPOLICYHUB_TEST_POSTGRES="$connection" background dotnet test tests/DatabaseSuites.slnf --no-build -nologo --blame-hang-timeout 5m 2>&1 | tee -a "$log" || status=$?
else
    echo "PostgreSQL did not start; the PostgreSQL pass did not run." >&2
    tail -n 5 "$postgres/server.log" >&2 2>/dev/null || true
    status=1
fi

echo "Waiting for the browser tests"
wait "$e2e" || status=$?
cat "$e2e_log" | tee -a "$log"

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "Tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
fi
