#!/usr/bin/env bash
# RabbitMQ with STOMP for the bus tests, without systemd (../shared/notes/rabbitmq.md has the recipe).
#
#   scripts/rabbitmq.sh [start]          install if needed, start if not running (idempotent)
#   scripts/rabbitmq.sh stop             stop the node (and the epmd it started)
#   scripts/rabbitmq.sh stop-app|start-app   stop/start the broker inside a running node (fast outage)
#   scripts/rabbitmq.sh tls DIR PORT     open an AMQPS listener on 127.0.0.1:PORT with DIR/{ca,server,server.key}.pem,
#                                        requiring a client certificate signed by that CA
#   scripts/rabbitmq.sh env              print the environment rabbitmqctl needs (to `eval` it)
#
# Listens on 127.0.0.1 only: AMQP 5672, STOMP 61613, guest/guest. State lives in $FORGEGATE_RMQ_DIR
# (default /tmp/forgegate-rmq). Runs as root, or through sudo.
set -euo pipefail

DIR="${FORGEGATE_RMQ_DIR:-/tmp/forgegate-rmq}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

export HOME="$DIR" # .erlang.cookie lives here; rabbitmqctl must see the same one
export RABBITMQ_NODENAME=forgegate@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=5672
export RABBITMQ_DIST_PORT=25672 RABBITMQ_MNESIA_BASE="$DIR/mnesia" RABBITMQ_LOG_BASE="$DIR/log"
export RABBITMQ_PID_FILE="$DIR/rabbit.pid" RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/enabled_plugins"
export RABBITMQ_CONFIG_FILE="$DIR/rabbitmq" # without the .conf suffix
# The /usr/sbin wrappers switch to the rabbitmq user and lose this environment; these do not.
export PATH="/usr/lib/rabbitmq/bin:$PATH"

run() { if [ -n "$SUDO" ]; then $SUDO --preserve-env=HOME,PATH,RABBITMQ_NODENAME,RABBITMQ_NODE_IP_ADDRESS,RABBITMQ_NODE_PORT,RABBITMQ_DIST_PORT,RABBITMQ_MNESIA_BASE,RABBITMQ_LOG_BASE,RABBITMQ_PID_FILE,RABBITMQ_ENABLED_PLUGINS_FILE,RABBITMQ_CONFIG_FILE "$@"; else "$@"; fi; }

install() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && return
  echo "rabbitmq.sh: installing rabbitmq-server" >&2
  $SUDO apt-get update -qq
  # Debian's postinst cannot start the service without systemd ("policy-rc.d denied"): that is fine.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
}

running() { run rabbitmqctl -q status >/dev/null 2>&1; }

start() {
  install
  if running; then return; fi
  run mkdir -p "$DIR/mnesia" "$DIR/log"
  # auth_mechanism_ssl: certificate logins (EXTERNAL), as Fedora's broker and fedora-messaging use them.
  echo '[rabbitmq_stomp,rabbitmq_auth_mechanism_ssl].' | run tee "$DIR/enabled_plugins" >/dev/null
  run tee "$DIR/rabbitmq.conf" >/dev/null <<'CONF'
listeners.tcp.default = 127.0.0.1:5672
stomp.listeners.tcp.1 = 127.0.0.1:61613
loopback_users = none
auth_mechanisms.1 = PLAIN
auth_mechanisms.2 = AMQPLAIN
auth_mechanisms.3 = EXTERNAL
ssl_cert_login_from = common_name
CONF
  echo "rabbitmq.sh: starting RabbitMQ (node forgegate@localhost, state in $DIR)" >&2
  run setsid rabbitmq-server >"$DIR/server.out" 2>&1 </dev/null &
  run rabbitmqctl -q wait --timeout 90 "$RABBITMQ_PID_FILE" >/dev/null
  run rabbitmqctl -q await_startup >/dev/null
}

stop() {
  if running; then run rabbitmqctl -q stop >/dev/null; fi
  # rabbitmq-server starts an epmd daemon that outlives the node; end only that one.
  local epmd
  epmd="$(ss -ltnpH 'sport = :4369' 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
  if [ -n "$epmd" ]; then $SUDO kill "$epmd" || true; fi
}

tls() {
  local certs="$1" port="$2"
  for f in ca.pem server.pem server.key; do
    [ -r "$certs/$f" ] || { echo "rabbitmq.sh tls: $certs/$f is missing" >&2; exit 2; }
  done
  # An extra listener in the running node: the TLS test brings its own CA, so no restart is needed.
  # The EXTERNAL (certificate) login checks the node-wide ssl_options, so they are set too.
  run rabbitmqctl -q eval "
    Opts = [{cacertfile, \"$certs/ca.pem\"}, {certfile, \"$certs/server.pem\"}, {keyfile, \"$certs/server.key\"},
            {verify, verify_peer}, {fail_if_no_peer_cert, true}],
    application:set_env(rabbit, ssl_options, Opts),
    catch rabbit_networking:stop_tcp_listener({\"127.0.0.1\", $port}),
    rabbit_networking:start_ssl_listener({\"127.0.0.1\", $port}, Opts, 1, 1)." >/dev/null
}

# rabbitmqctl needs $HOME to exist (the cookie), and Erlang writes crash dumps into the working directory.
run mkdir -p "$DIR"
cd "$DIR"

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  stop-app) run rabbitmqctl -q stop_app ;;
  start-app) run rabbitmqctl -q start_app ;;
  tls) tls "${2:?certificate directory}" "${3:?port}" ;;
  env) env | grep -E '^(HOME|PATH|RABBITMQ_[A-Z_]+)=' | sed 's/^/export /' ;;
  *) echo "usage: $0 [start|stop|stop-app|start-app|tls DIR PORT|env]" >&2; exit 2 ;;
esac
