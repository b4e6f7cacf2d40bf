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

dotnet build "$root/src/Ingest.Cli/Ingest.Cli.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet "$root/src/Ingest.Cli/bin/Release/net10.0/Ingest.Cli.dll" "$@"
