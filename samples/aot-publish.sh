#!/usr/bin/env bash
# Publishes sample programs as NativeAOT linux-x64 executables into artifacts/aot/<Name>/ and fails on any warning.
# usage: bash samples/aot-publish.sh [Name...]        (default: EchoBot EventTap StateWatch DiceBot SeenService)
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

# NativeAOT links with clang (or gcc) and needs zlib's headers.
if ! command -v clang >/dev/null && ! command -v gcc >/dev/null || [ ! -e /usr/include/zlib.h ]; then
  echo "== installing the native toolchain NativeAOT links with (apt)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev >/dev/null
fi

names=("$@")
[ ${#names[@]} -gt 0 ] || names=(EchoBot EventTap StateWatch DiceBot SeenService)
for name in "${names[@]}"; do
  out="artifacts/aot/$name"
  log=$(mktemp)
  started=$(date +%s)
  echo "== NativeAOT publish $name (net10.0, linux-x64) -> $out"
  if ! dotnet publish "samples/$name/$name.csproj" -c Release -r linux-x64 -o "$out" -nologo >"$log" 2>&1; then
    cat "$log"; echo "NativeAOT publish of $name failed"; rm -f "$log"; exit 1
  fi
  # Trim/AOT warnings are errors by configuration; this makes sure none slipped through as a plain warning.
  if grep -E ': warning [A-Z]+[0-9]+' "$log"; then
    echo "NativeAOT publish of $name produced warnings"; rm -f "$log"; exit 1
  fi
  rm -f "$log"
  echo "   $(du -h "$out/$name" | cut -f1) $out/$name ($(( $(date +%s) - started )) s)"
done
