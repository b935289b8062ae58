# Sourced by samples/demo.sh and samples/ci/aot-echobot-check.sh: installs Debian's nats-server when it is missing
# and starts one on a free loopback port.
#   ensure_nats_server                 sets $nats_server to the binary
#   start_nats_server <log file> [jetstream store dir]
#                                      starts it (with JetStream when given a store dir), sets $nats_pid and
#                                      $url (nats://127.0.0.1:<port>)

as_root() { if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

ensure_nats_server() {
  nats_server=$(command -v nats-server || echo /usr/sbin/nats-server)
  if [ ! -x "$nats_server" ]; then
    echo "== installing nats-server (apt)"
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null
    nats_server=$(command -v nats-server || echo /usr/sbin/nats-server)
  fi
}

start_nats_server() {
  local log=$1 store=${2:-} port=""
  local jetstream=()
  if [ -n "$store" ]; then jetstream=(-js -sd "$store"); fi
  : >"$log"   # before the server: the background job opens it only when it runs, and sed must find it
  "$nats_server" -a 127.0.0.1 -p -1 "${jetstream[@]}" >"$log" 2>&1 &
  nats_pid=$!
  # -p -1 lets the server pick the port, so there is no race with another process taking it; read it from the log.
  for _ in $(seq 100); do
    port=$(sed -n 's/.*Listening for client connections on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$log"; echo "FAIL: nats-server did not start"; return 1; }
  url="nats://127.0.0.1:$port"
}
