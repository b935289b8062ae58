#!/usr/bin/env bash
# Runs KrytenBot against the Kryten bridge simulator (`kryten simulate`) on a local nats-server with JetStream. The
# simulator replays a recorded CyTube session (someone says !ping, users join) and prints every command it receives:
# look for the bot's `say` answers. Stops a few seconds after the session ends.
# usage: bash simulate.sh [seconds to linger after the session, default 3]
#   KRYTEN_BOT="path/to/published/KrytenBot" runs a published binary instead of `dotnet run`.
set -euo pipefail
cd "$(dirname "$0")"
linger=${1:-3}

kryten=$(command -v kryten || echo "$HOME/.dotnet/tools/kryten")
[ -x "$kryten" ] || { echo "simulate.sh needs the kryten tool: dotnet tool install --global Kryten.Cli"; exit 1; }
nats_server=$(command -v nats-server || echo /usr/sbin/nats-server)
if [ ! -x "$nats_server" ]; then
  echo "== installing nats-server (apt)"
  sudo_=""; if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then sudo_=sudo; fi
  $sudo_ apt-get update -qq && $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null
  nats_server=$(command -v nats-server || echo /usr/sbin/nats-server)
fi

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# -p -1: the server picks a free port; read it from its log.
"$nats_server" -a 127.0.0.1 -p -1 -js -sd "$work/js" >"$work/nats.log" 2>&1 &
pids+=($!)
port=""
for _ in $(seq 100); do
  port=$(sed -n 's/.*Listening for client connections on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/nats.log")
  [ -n "$port" ] && break; sleep 0.1
done
[ -n "$port" ] || { cat "$work/nats.log"; echo "nats-server did not start"; exit 1; }
export KRYTEN_NATS_URL="nats://127.0.0.1:$port" KRYTEN_CHANNEL=420Grindhouse

if [ -n "${KRYTEN_BOT:-}" ]; then
  "$KRYTEN_BOT" >"$work/bot.log" 2>&1 &
else
  dotnet build src/KrytenBot -c Release -nologo -v quiet >/dev/null
  dotnet run --project src/KrytenBot -c Release --no-build >"$work/bot.log" 2>&1 &
fi
bot=$!; pids+=($bot)
for _ in $(seq 300); do grep -q "connected" "$work/bot.log" && break; sleep 0.1; done
grep -q "connected" "$work/bot.log" || { cat "$work/bot.log"; echo "KrytenBot did not connect"; exit 1; }
cat "$work/bot.log"

"$kryten" simulate --nats "$KRYTEN_NATS_URL" --channel "$KRYTEN_CHANNEL" --speed 2 --linger "$linger"

kill -TERM "$bot"
status=0; wait "$bot" || status=$?
echo "KrytenBot stopped (exit $status)"
exit "$status"
