#!/usr/bin/env bash
# Runs every test: unit, golden, Functions metadata, and the integration tests against a real Azurite (started by
# the test fixture on free loopback ports) and a real loopback HTTP site. Extra arguments go to 'dotnet test'.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

if [ ! -x node_modules/.bin/azurite ]; then
  echo "Installing Azurite (npm ci, once)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
# Every test is bounded. The integration tests carry xunit Timeouts (15 min at most); anything else that hangs (a
# unit test, a fixture, the test host itself) is dumped (mini: every thread's stack) and killed once a test has run for
# 20 min, instead of running into CI's 90-minute limit. Dumps go to TestResults/ at the root.
dotnet test Ingest.sln -c Release --nologo \
  --blame-hang-timeout 20m --blame-hang-dump-type mini --results-directory "$root/TestResults" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line over all test projects: "N passed, N failed".
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# A hung or crashed test host aborts its project's run; the test it was running is counted nowhere, so name it.
aborted=$(grep -A1 'The test running when the crash occurred:' "$log" | grep -v -e 'The test running when' -e '^--$' || true)
echo
if [ -n "$aborted" ]; then
  echo "test run aborted (a hang or a crash of the test host) while running:"
  echo "$aborted"
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status (a build or test host error, see above)"
fi
exit "$status"
