#!/usr/bin/env bash
# A local scale-out cluster on loopback: one PostgreSQL, N `bpkb-ocr serve`
# processes sharing it, and nginx in front of them.
#
#   scripts/cluster.sh up        start everything; prints one JSON object:
#                                {"base_url","database_url","app_id","api_key",...}
#   scripts/cluster.sh status    JSON: what runs, on which ports
#   scripts/cluster.sh down      stop everything and delete the cluster's data
#   scripts/cluster.sh server-stop I | server-kill I | server-start I
#   scripts/cluster.sh db-stop | db-start          (fault tests)
#
# Environment: CLUSTER_DIR (default ./data/cluster), CLUSTER_SERVERS (2),
# CLUSTER_WORKERS (OCR workers per server; default: the server's own default),
# CLUSTER_QUOTA (quota of the demo testing app, 100000), BPKB_BIN (build/bpkb-ocr),
# CLUSTER_SERVER_ARGS (extra `serve` flags). Everything listens on 127.0.0.1 on
# free ports; logs are in $CLUSTER_DIR/*.log. Installs postgresql and nginx-light
# from Debian when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

DIR=${CLUSTER_DIR:-$ROOT/data/cluster}
mkdir -p "$(dirname "$DIR")"
DIR=$(cd "$(dirname "$DIR")" && pwd)/$(basename "$DIR")
SERVERS=${CLUSTER_SERVERS:-2}
QUOTA=${CLUSTER_QUOTA:-100000}
BIN=${BPKB_BIN:-$ROOT/build/bpkb-ocr}
STATE=$DIR/cluster.env

log() { echo "cluster: $*" >&2; }
die() { log "$*"; exit 1; }

pg_bindir() {
  local d
  for d in /usr/lib/postgresql/{17,16,15,14,13}/bin; do
    if [ -x "$d/postgres" ]; then echo "$d"; return; fi
  done
}

install_missing() {
  local pkgs=""
  [ -n "$(pg_bindir)" ] || pkgs="$pkgs postgresql"
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || pkgs="$pkgs nginx-light"
  command -v curl >/dev/null 2>&1 || pkgs="$pkgs curl"
  [ -z "$pkgs" ] && return
  log "installing$pkgs"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $pkgs >&2 ||
    { $sudo apt-get update -q >&2 &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $pkgs >&2; }
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

load_state() {
  [ -f "$STATE" ] || die "no cluster in $DIR (run: scripts/cluster.sh up)"
  # shellcheck disable=SC1090
  . "$STATE"
}

wait_http() {  # url seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    curl -fsS -o /dev/null --max-time 1 "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

db_start() {
  as_pg "$PGBIN/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $DIR/pg -c listen_addresses=127.0.0.1" start >/dev/null
}

db_stop() {
  as_pg "$PGBIN/pg_ctl" -D "$DIR/pg/data" -m "${1:-fast}" -w -t 60 stop >/dev/null 2>&1 || true
}

server_start() {  # index
  local i=$1 port_var="SERVER_PORT_$1" port
  port=${!port_var}
  # Each server's cwd is its own folder. Dashboard administrators and sessions
  # live in PostgreSQL with the applications (`bpkb-ocr admin create
  # --database-url "$DATABASE_URL"`), shared by every server. nginx sets
  # X-Forwarded-For to the client's address: --trusted-proxy lets the
  # dashboard's sign-in limit count clients, not nginx.
  mkdir -p "$DIR/server$i/data"
  # shellcheck disable=SC2086
  (cd "$DIR/server$i" && exec setsid "$BIN" serve --host 127.0.0.1 --port "$port" \
      --database-url "$DATABASE_URL" --trusted-proxy 127.0.0.1 \
      ${CLUSTER_WORKERS:+--workers $CLUSTER_WORKERS} \
      ${CLUSTER_SERVER_ARGS:-} </dev/null >>"$DIR/server$i.log" 2>&1) &
  local pid=$!
  echo $pid >"$DIR/server$i.pid"
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/healthz" 2>/dev/null && return 0
    alive "$pid" || break
    sleep 0.1
  done
  die "server $i did not start; see $DIR/server$i.log"
}

server_stop() {  # index signal
  local pid
  pid=$(cat "$DIR/server$1.pid" 2>/dev/null || true)
  alive "$pid" || return 0
  kill -"${2:-TERM}" "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do alive "$pid" || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

write_nginx_conf() {
  local i port_var upstream="" user_line=""
  for ((i = 1; i <= SERVERS; i++)); do
    port_var="SERVER_PORT_$i"
    upstream+="    server 127.0.0.1:${!port_var} max_fails=1 fail_timeout=2s;"$'\n'
  done
  [ "$(id -u)" = 0 ] && user_line="user root;"
  mkdir -p "$DIR/nginx/tmp"
  cat >"$DIR/nginx/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $DIR/nginx/tmp/body;
  proxy_temp_path $DIR/nginx/tmp/proxy;
  fastcgi_temp_path $DIR/nginx/tmp/fastcgi;
  uwsgi_temp_path $DIR/nginx/tmp/uwsgi;
  scgi_temp_path $DIR/nginx/tmp/scgi;
  upstream bpkb {
$upstream    keepalive 32;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    # A JSON body holds the 10 MB file in base64 (13.4 MB); bigger bodies are
    # refused here with the API's own 422, as the server would.
    client_max_body_size 16m;
    client_body_buffer_size 1m;
    error_page 413 = @too_large;
    location @too_large {
      default_type application/json;
      return 422 '{"message":"There\'s a problem with your JSON payload","error_code":"OCR_40001","error_fields":[{"field":"image","reason":"the request is over the size limit of 10 MB of file"}]}';
    }
    location / {
      proxy_pass http://bpkb;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
      proxy_send_timeout 120s;
      # The body is buffered, so a request that never reached a server (it was
      # down: connection refused/reset before sending) is passed to the next one.
      # A POST that reached a server is never re-sent (no non_idempotent): it may
      # have been charged. GETs and DELETEs of results also move on after 502/504.
      # Not on 503: that is a server's own answer (saturated: Retry-After, or the
      # database is down) and must not mark it dead for other requests.
      proxy_next_upstream error timeout http_502 http_504;
      proxy_next_upstream_tries 3;
      proxy_next_upstream_timeout 10s;
    }
  }
}
EOF
}

nginx_bin() { command -v nginx 2>/dev/null || echo /usr/sbin/nginx; }

cmd_up() {
  if [ -f "$STATE" ]; then
    load_state
    if alive "$(cat "$DIR/nginx/nginx.pid" 2>/dev/null || true)"; then
      die "a cluster is already up in $DIR (scripts/cluster.sh down first)"
    fi
    cmd_down >/dev/null 2>&1 || true
  fi
  [ -x "$BIN" ] || die "$BIN is missing: build first (scripts/setup.sh), or set BPKB_BIN"
  install_missing
  PGBIN=$(pg_bindir)
  [ -n "$PGBIN" ] || die "PostgreSQL is not installed"
  rm -rf "$DIR"
  mkdir -p "$DIR/pg"
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$DIR/pg"
    runuser -u postgres -- test -w "$DIR/pg" ||
      die "the postgres user cannot reach $DIR/pg: make its parent folders world-searchable"
  fi
  PG_PORT=$(free_port)
  NGINX_PORT=$(free_port)
  DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/bpkb"
  {
    echo "PGBIN=$PGBIN"
    echo "PG_PORT=$PG_PORT"
    echo "NGINX_PORT=$NGINX_PORT"
    echo "SERVERS=$SERVERS"
    echo "DATABASE_URL=$DATABASE_URL"
    for ((i = 1; i <= SERVERS; i++)); do echo "SERVER_PORT_$i=$(free_port)"; done
  } >"$STATE"
  load_state

  log "PostgreSQL on 127.0.0.1:$PG_PORT"
  as_pg "$PGBIN/initdb" -D "$DIR/pg/data" -U postgres --auth=trust -E UTF8 --locale=C \
    >"$DIR/initdb.log" 2>&1 || die "initdb failed; see $DIR/initdb.log"
  db_start || die "PostgreSQL did not start; see $DIR/pg/postgres.log"
  as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt \
    -c "CREATE DATABASE bpkb" >/dev/null

  local cred
  cred=$("$BIN" app create --name demo --mode testing --quota "$QUOTA" --rate-limit 0 \
    --database-url "$DATABASE_URL") || die "could not create the demo application"
  echo "$cred" >"$DIR/demo-app.json"

  for ((i = 1; i <= SERVERS; i++)); do
    log "server $i on 127.0.0.1:$(eval echo \$SERVER_PORT_$i)"
    server_start "$i"
  done
  write_nginx_conf
  "$(nginx_bin)" -c "$DIR/nginx/nginx.conf" -p "$DIR/nginx" -e "$DIR/nginx.log" ||
    die "nginx did not start; see $DIR/nginx.log"
  wait_http "http://127.0.0.1:$NGINX_PORT/healthz" 30 || die "nginx does not answer"
  log "nginx on 127.0.0.1:$NGINX_PORT"

  /usr/bin/python3 - "$cred" <<EOF
import json, sys
cred = json.loads(sys.argv[1])
servers = ["http://127.0.0.1:%s" % p for p in "$(for ((i = 1; i <= SERVERS; i++)); do eval printf '%s\ ' \$SERVER_PORT_$i; done)".split()]
print(json.dumps({"base_url": "http://127.0.0.1:$NGINX_PORT", "database_url": "$DATABASE_URL",
                  "app_id": cred["app_id"], "api_key": cred["api_key"],
                  "servers": servers, "dir": "$DIR"}))
EOF
}

cmd_down() {
  [ -f "$STATE" ] || { log "no cluster in $DIR"; return 0; }
  load_state
  local pid
  pid=$(cat "$DIR/nginx/nginx.pid" 2>/dev/null || true)
  if alive "$pid"; then
    kill -QUIT "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  for ((i = 1; i <= SERVERS; i++)); do server_stop "$i" TERM; done
  db_stop fast
  if [ "${CLUSTER_KEEP:-0}" = 1 ]; then
    log "stopped; data kept in $DIR"
  else
    rm -rf "$DIR"
    log "stopped and removed $DIR"
  fi
}

cmd_status() {
  load_state
  local parts=() pid
  pid=$(cat "$DIR/nginx/nginx.pid" 2>/dev/null || true)
  if alive "$pid"; then parts+=("\"nginx\": true"); else parts+=("\"nginx\": false"); fi
  if as_pg "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    parts+=("\"postgres\": true")
  else
    parts+=("\"postgres\": false")
  fi
  local servers=()
  for ((i = 1; i <= SERVERS; i++)); do
    pid=$(cat "$DIR/server$i.pid" 2>/dev/null || true)
    local port_var="SERVER_PORT_$i" up=false
    alive "$pid" && up=true
    servers+=("{\"url\": \"http://127.0.0.1:${!port_var}\", \"running\": $up}")
  done
  local IFS=,
  echo "{\"base_url\": \"http://127.0.0.1:$NGINX_PORT\", \"database_url\": \"$DATABASE_URL\", ${parts[*]}, \"servers\": [${servers[*]}]}"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  server-stop) load_state; server_stop "${2:?index}" TERM ;;
  server-kill) load_state; server_stop "${2:?index}" KILL ;;
  server-start) load_state; server_start "${2:?index}" ;;
  db-stop) load_state; db_stop fast ;;
  db-start) load_state; db_start ;;
  *) sed -n '2,16p' "$0" >&2; exit 2 ;;
esac
