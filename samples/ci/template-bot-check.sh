#!/usr/bin/env bash
# CI check (run by .ci/run): the packages as a user gets them. Packs every package (tools/pack.sh), then, outside the
# repository and with an empty NuGet package folder: installs the kryten tool and the template pack, makes a bot with
# `dotnet new kryten-bot`, builds it and runs its tests against the packages, publishes it with NativeAOT (no warning
# allowed), and runs the NativeAOT bot against `kryten simulate` with the template's simulate.sh: the bot must answer
# the session's !ping with a `say` the simulator receives, and stop cleanly.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
started=$(date +%s)

. samples/nats-server.sh
ensure_nats_server
bash tools/pack.sh >/dev/null
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
feed="$root/artifacts/packages"
echo "== packages ($feed)"
ls -l "$feed" | awk 'NR > 1 { print "   " $5 "\t" $9 }'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Isolated: the packed Kryten packages must not come from (or land in) the machine's package folder; everything else
# comes from it when it is there (offline CI), else from nuget.org.
export NUGET_PACKAGES="$work/nuget-packages"
write_nuget_config() {
cat >"$work/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="machine-cache" value="$HOME/.nuget/packages" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="kryten"><package pattern="Kryten.*" /></packageSource>
    <packageSource key="machine-cache"><package pattern="*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
}
cd "$work"
hive=(--debug:custom-hive "$work/hive")

echo "== dotnet tool install Kryten.Cli, dotnet new install Kryten.Templates"
# Before write_nuget_config: --add-source cannot be combined with package source mapping.
dotnet tool install Kryten.Cli --version "$version" --tool-path "$work/tools" --add-source "$feed" >/dev/null
export PATH="$work/tools:$PATH"
write_nuget_config
dotnet new install "$feed/Kryten.Templates.$version.nupkg" "${hive[@]}" >/dev/null

echo "== dotnet new kryten-bot -o MyBot"
dotnet new kryten-bot -o MyBot --feed "$feed" "${hive[@]}" >/dev/null
cd MyBot

echo "== build + test (from the packages)"
log="$work/build.log"
dotnet build tests/MyBot.Tests -c Release -nologo >"$log" 2>&1 || { cat "$log"; echo "FAIL: the bot made from kryten-bot does not build"; exit 1; }
if grep -E ': warning [A-Z]+[0-9]+' "$log"; then echo "FAIL: the bot's build has warnings"; exit 1; fi
dotnet test tests/MyBot.Tests -c Release --no-build -nologo >"$log" 2>&1 || { cat "$log"; echo "FAIL: the bot's tests"; exit 1; }
grep -E "Passed!|total:|Total tests" "$log" | head -n 2 || true

echo "== NativeAOT publish"
dotnet publish src/MyBot -c Release -r linux-x64 -o "$work/out" -nologo >"$log" 2>&1 || { cat "$log"; echo "FAIL: NativeAOT publish of the bot"; exit 1; }
if grep -E ': warning [A-Z]+[0-9]+' "$log"; then echo "FAIL: the bot's NativeAOT publish has warnings"; exit 1; fi
echo "   $(du -h "$work/out/MyBot" | cut -f1) MyBot (NativeAOT)"

echo "== the NativeAOT bot against kryten simulate (simulate.sh)"
KRYTEN_BOT="$work/out/MyBot" bash simulate.sh 1 >"$work/run.log" 2>&1 || { cat "$work/run.log"; echo "FAIL: simulate.sh"; exit 1; }
grep -q 'say.*pong' "$work/run.log" || { cat "$work/run.log"; echo "FAIL: the bot did not answer !ping"; exit 1; }
grep -m1 'say.*pong' "$work/run.log"
grep "stopped (exit\|connected to" "$work/run.log" || true
echo "template bot check passed in $(( $(date +%s) - started )) s"
