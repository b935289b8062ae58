#!/usr/bin/env bash
# The demo: a real bot talking through a real NATS server.
#   bash samples/demo.sh
# Installs nats-server if it is missing (apt), starts it with JetStream on a free loopback port, publishes EchoBot,
# EventTap and SeenService as NativeAOT executables (once), starts them (SeenService answers EchoBot's !seen from its own
# KV bucket), then starts the bridge simulator (tools/Kryten.BridgeSimulator),
# which announces itself on kryten.lifecycle.robot.*, replays a recorded CyTube session, keeps the channel's state in
# the bridge's KV buckets and answers the bot's commands the way the Kryten bridge does. Prints the conversation, stops
# everything and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

. samples/nats-server.sh
ensure_nats_server
if [ ! -x artifacts/aot/EchoBot/EchoBot ] || [ ! -x artifacts/aot/EventTap/EventTap ] || [ ! -x artifacts/aot/SeenService/SeenService ]; then
  bash samples/aot-publish.sh EchoBot EventTap SeenService
fi
echo "== building the bridge simulator"
dotnet build tools/Kryten.BridgeSimulator -c Release -nologo -v quiet >/dev/null

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# JetStream, as the bridge's deployments run it: the bridge keeps the channel's state in KV buckets there.
start_nats_server "$work/nats.log" "$work/jetstream"
pids+=("$nats_pid")
echo "== nats-server on $url (JetStream)"

wait_for_line() { for _ in $(seq $(( $3 * 20 ))); do grep -q "$2" "$1" && return 0; sleep 0.05; done; return 1; }

artifacts/aot/SeenService/SeenService --nats "$url" --channel 420Grindhouse >"$work/seen.log" 2>&1 &
pids+=($!)
artifacts/aot/EchoBot/EchoBot --nats "$url" --channel 420Grindhouse >"$work/echobot.log" 2>&1 &
pids+=($!)
artifacts/aot/EventTap/EventTap --nats "$url" --channel 420Grindhouse >"$work/events.jsonl" 2>"$work/eventtap.log" &
pids+=($!)
wait_for_line "$work/seen.log" serving 20 || { cat "$work/seen.log"; exit 1; }
wait_for_line "$work/echobot.log" connected 20 || { cat "$work/echobot.log"; exit 1; }
wait_for_line "$work/eventtap.log" connected 20 || { cat "$work/eventtap.log"; exit 1; }
echo "== $(head -n 1 "$work/seen.log")"
echo "== $(head -n 1 "$work/echobot.log")"
echo "== $(head -n 1 "$work/eventtap.log")"
echo "== replaying a recorded CyTube session (-> events the bridge publishes, <- commands the bot sends)"
echo

# The bot's own log lines appear as it acts; the bridge's lines show the wire.
tail -n +2 -f "$work/echobot.log" &
pids+=($!)
tools/Kryten.BridgeSimulator/bin/Release/net10.0/Kryten.BridgeSimulator --nats "$url" --channel 420Grindhouse --linger 6

echo
echo "== EventTap wrote $(wc -l <"$work/events.jsonl") JSON lines; the bot's pong as EventTap saw it:"
grep -m1 '"msg":"pong"' "$work/events.jsonl" || true
echo "== stopping"
