#!/usr/bin/env bash
# `dotnet pack` -> ./artifacts (the vaelab tool and the VaeLab.Library package), then installs the tool into a
# fresh tool path from a clean directory, checks that `vaelab --help` says vaelab, and trains a tiny run with it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet pack "$root/VaeLab.sln" -c Release -nologo -clp:ErrorsOnly
for p in vaelab VaeLab.Library; do
  ls "$root"/artifacts/"$p".*.nupkg >/dev/null || { echo "FAIL: no $p package in artifacts/"; exit 1; }
done
listing="$(unzip -l "$root"/artifacts/VaeLab.Library.*.nupkg)"
grep -q ' README.md$' <<<"$listing" || { echo "FAIL: the library package has no README.md"; exit 1; }
clean="$(mktemp -d)"
trap 'rm -rf "$clean"' EXIT
cd "$clean"
# A package cache of its own: a re-pack with the same version must not install a stale copy.
NUGET_PACKAGES="$clean/nuget" dotnet tool install --tool-path "$clean/tools" --add-source "$root/artifacts" vaelab
help="$("$clean/tools/vaelab" --help)"
grep -q '^  vaelab \[command\] \[options\]' <<<"$help" || { echo "FAIL: usage line does not say vaelab:"; echo "$help"; exit 1; }
if grep -q 'VaeLab.Cli' <<<"$help"; then echo "FAIL: --help mentions VaeLab.Cli"; exit 1; fi
"$clean/tools/vaelab" train --help | grep -q '^  vaelab train \[options\]' || { echo "FAIL: train usage line does not say vaelab"; exit 1; }
"$clean/tools/vaelab" train --steps 200 --out run --quiet
[ -f run/model.safetensors ] || { echo "FAIL: the installed vaelab wrote no model"; exit 1; }
echo "pack-test: OK (vaelab tool installed from artifacts/ into a clean directory; --help says vaelab; it trains)"
