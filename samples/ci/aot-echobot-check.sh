#!/usr/bin/env bash
# CI check (run by .ci/run before the tests): publishes EchoBot, EventTap, DiceBot and SeenService with NativeAOT (no
# warning allowed), runs EchoBot, EventTap and SeenService against a real nats-server with JetStream, and lets the
# official nats.js client play the bridge:
# a bridge-shaped chatMsg envelope with "!ping" must produce a `say` request with message "pong" on
# kryten.robot.command, EventTap must print the event as a typed JSON line, SeenService must answer seen.get with that
# line (one request round trip), and all three must exit 0 on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

. samples/nats-server.sh
ensure_nats_server
if [ ! -d samples/ci/node_modules/nats ]; then
  echo "== npm install in samples/ci"
  (cd samples/ci && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi

bash samples/aot-publish.sh EchoBot EventTap DiceBot SeenService

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# JetStream: SeenService keeps its records in a KV bucket it owns.
start_nats_server "$work/nats.log" "$work/jetstream"
pids+=("$nats_pid")

# A channel with a space and upper case: the bot must subscribe on the bridge's normalized token (lounge-test).
channel="Lounge Test"; token="lounge-test"; domain="cytu.be"

wait_for_line() { # file pattern seconds
  for _ in $(seq $(( $3 * 20 ))); do grep -q "$2" "$1" && return 0; sleep 0.05; done
  return 1
}

started=$(date +%s%N)
# EchoBot takes its settings from the sample YAML configuration (${VAR} substitution), EventTap from flags.
KRYTEN_NATS_URL="$url" KRYTEN_DOMAIN="$domain" KRYTEN_CHANNEL="$channel" \
  artifacts/aot/EchoBot/EchoBot --config samples/EchoBot/echobot.yaml >"$work/echobot.log" 2>&1 &
echobot=$!; pids+=($echobot)
wait_for_line "$work/echobot.log" "connected" 20 || { cat "$work/echobot.log"; echo "FAIL: EchoBot did not connect"; exit 1; }
echo "AOT EchoBot: start to connected $(( ($(date +%s%N) - started) / 1000000 )) ms (measured from outside, includes process start)"
grep "connected" "$work/echobot.log" | head -n 1

artifacts/aot/EventTap/EventTap --nats "$url" --domain "$domain" --channel "$channel" >"$work/eventtap.jsonl" 2>"$work/eventtap.err" &
eventtap=$!; pids+=($eventtap)
wait_for_line "$work/eventtap.err" "connected" 20 || { cat "$work/eventtap.err"; echo "FAIL: EventTap did not connect"; exit 1; }

artifacts/aot/SeenService/SeenService --nats "$url" --domain "$domain" --channel "$channel" >"$work/seen.log" 2>&1 &
seen=$!; pids+=($seen)
wait_for_line "$work/seen.log" "serving" 20 || { cat "$work/seen.log"; echo "FAIL: SeenService did not start serving"; exit 1; }

node samples/ci/echobot-ping-check.mjs "$url" "$domain" "$channel" "$token" 30 || {
  echo "--- EchoBot log"; cat "$work/echobot.log"; exit 1; }

wait_for_line "$work/eventtap.jsonl" '"event":"chatMsg"' 10 || { cat "$work/eventtap.err"; echo "FAIL: EventTap printed no chatMsg line"; exit 1; }
line=$(grep -m1 '"event":"chatMsg"' "$work/eventtap.jsonl")
echo "EventTap: $line"
node -e '
  const e = JSON.parse(process.argv[1]);
  const ok = e.type === "ChatMessage" && e.channel === process.argv[2] && e.domain === process.argv[3]
    && /^[0-9a-f-]{36}$/.test(e.correlation_id) && e.data.msg === "!ping" && e.data.username === "ci-user" && typeof e.data.time === "number";
  if (!ok) { console.error("FAIL: EventTap line does not carry the typed chatMsg"); process.exit(1); }' "$line" "$channel" "$domain"

node samples/ci/seen-check.mjs "$url" ci-user '!ping' || { echo "--- SeenService log"; cat "$work/seen.log"; exit 1; }

declare -A pid_of=([EchoBot]=$echobot [EventTap]=$eventtap [SeenService]=$seen)
for name in EchoBot EventTap SeenService; do
  pid=${pid_of[$name]}
  kill -TERM "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then echo "FAIL: $name did not exit within 10 s of SIGTERM"; exit 1; fi
  code=0; wait "$pid" || code=$?
  [ "$code" -eq 0 ] || { echo "FAIL: $name exited with $code on SIGTERM"; exit 1; }
done
echo "OK: AOT EchoBot answered !ping with say \"pong\"; EventTap printed the typed event; SeenService answered seen.get; all exited 0 on SIGTERM"
