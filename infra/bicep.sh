#!/usr/bin/env bash
# Builds and lints infra/main.bicep with a Bicep CLI restored from NuGet (infra/tools/bicep.proj), so a fresh machine
# with only the .NET SDK can do it. Any warning fails: 'bicep build' and 'bicep lint' print diagnostics on stderr and
# exit 0 for warnings, so this script treats any diagnostic output as a failure.
#   infra/bicep.sh            build + lint
#   infra/bicep.sh <args>     run bicep with these arguments (e.g. --version)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages="$root/.tools/packages"
version=0.49.2
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

if [ ! -x "$bicep" ]; then
  # Root Directory.Build.props / Directory.Packages.props are the app's; this tool project needs none of them.
  dotnet restore "$root/infra/tools/bicep.proj" --packages "$packages" --nologo -v q \
    -p:ImportDirectoryBuildProps=false -p:ImportDirectoryPackagesProps=false -p:BicepVersion="$version" >/dev/null
  chmod +x "$bicep"
fi

if [ $# -gt 0 ]; then
  exec "$bicep" "$@"
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0
for step in build lint build-params; do
  if [ "$step" = build ]; then
    args=(build "$root/infra/main.bicep" --outdir "$out")
  elif [ "$step" = lint ]; then
    args=(lint "$root/infra/main.bicep")
  else
    # The example of every source option: the parameter's type must take each one.
    args=(build-params "$root/infra/sources.example.bicepparam" --outfile "$out/sources.example.parameters.json")
  fi
  set +e
  "$bicep" "${args[@]}" >"$out/$step.log" 2>&1
  code=$?
  set -e
  # Paths in the output are printed relative to the repository so the log reads the same everywhere.
  sed "s#$root/##g" "$out/$step.log"
  if [ "$code" -ne 0 ] || grep -Eq '(Warning|Error) [A-Za-z0-9-]+:' "$out/$step.log"; then
    echo "bicep $step: FAILED (exit $code, or a warning/error above)"
    status=1
  else
    echo "bicep $step: ok, no diagnostics"
  fi
done
exit "$status"
