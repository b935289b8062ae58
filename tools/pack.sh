#!/usr/bin/env bash
# Packs every shipped package into artifacts/packages/ (README: "Packages"):
#   Kryten.Sdk (runtime + generators + buildTransitive KrytenSchema), Kryten.Sdk.Testing, Kryten.Sdk.Hosting,
#   Kryten.Cli (the `kryten` .NET tool) and Kryten.Templates (dotnet new kryten-bot), each with a .snupkg of symbols.
# usage: bash tools/pack.sh [extra dotnet pack arguments, e.g. -p:Version=0.2.0]
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/packages
mkdir -p "$out"
for project in src/Kryten.Sdk src/Kryten.Sdk.Testing src/Kryten.Sdk.Hosting tools/Kryten.Cli templates; do
  echo "== dotnet pack $project"
  dotnet pack "$project" -c Release -o "$out" -nologo -v quiet "$@"
done
ls -l "$out"
