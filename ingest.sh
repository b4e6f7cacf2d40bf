#!/usr/bin/env bash
# The 'ingest' command from a fresh clone: installs the local tools (Azurite) if missing, builds, runs.
#   ./ingest.sh run --once --demo     the main job, end to end, with no internet
#   ./ingest.sh --help                every command
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Timer schedules (IngestSchedule) are UTC, as in Azure Functions; the local host follows the process time zone.
export TZ=UTC

if [ ! -x "$root/node_modules/.bin/azurite" ]; then
  echo "Installing Azurite (npm ci, once)..." >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

# Built quietly, and only when a source file is newer than the last build (or there is none): a second call starts at
# once. The build's output is shown only when it fails.
dll="$root/src/Ingest.Cli/bin/Release/net10.0/Ingest.Cli.dll"
stamp="$root/src/Ingest.Cli/bin/Release/net10.0/.built-by-ingest-sh"
changed=""
if [ -f "$dll" ] && [ -f "$stamp" ]; then
  changed=$(find "$root/src" "$root/Directory.Packages.props" "$root/Directory.Build.props" \
    \( -name bin -o -name obj \) -prune -o -type f -newer "$stamp" -print -quit 2>/dev/null || true)
fi
if [ ! -f "$dll" ] || [ ! -f "$stamp" ] || [ -n "$changed" ]; then
  build_log="$(mktemp)"
  if ! dotnet build "$root/src/Ingest.Cli/Ingest.Cli.csproj" -c Release -nologo -v quiet > "$build_log" 2>&1; then
    cat "$build_log" >&2
    rm -f "$build_log"
    echo "ingest.sh: the build failed (see above)" >&2
    exit 1
  fi
  rm -f "$build_log"
  touch "$stamp"
fi
exec dotnet "$dll" "$@"
