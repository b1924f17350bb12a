#!/usr/bin/env bash
# Load figures for the scale-out report: for 1 and for 2 servers behind nginx
# (scripts/cluster.sh, PostgreSQL store), wrk drives the 422 path (a file that is
# not an image: no OCR) and the 200 path (a synthetic BPKB page: full OCR).
# Bounded: SECONDS_422 / SECONDS_200 per run, CONN_422 / CONN_200 connections.
#   tools/cluster_load.sh BUILD_DIR [SERVER_COUNTS...]   (default: 1 2)
set -euo pipefail
BUILD=$(cd "${1:?build dir}" && pwd)
shift
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(1 2)
SRC=$(cd "$(dirname "$0")/.." && pwd)
S422=${SECONDS_422:-10}
S200=${SECONDS_200:-40}
C422=${CONN_422:-8}
C200=${CONN_200:-4}
WORK=$(mktemp -d /tmp/bpkb-load-XXXXXX)
chmod 755 "$WORK"  # PostgreSQL runs as its own user under it
export BPKB_BIN=$BUILD/bpkb-ocr CLUSTER_DIR=$WORK/cluster
trap '"$SRC/scripts/cluster.sh" down >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

"$BUILD/bpkb-ocr-synth" --out "$WORK/synth" --count 2 --seed 11 >/dev/null 2>&1
PAGE=$(/usr/bin/python3 -c '
import json, sys
for l in open(sys.argv[1] + "/truth.jsonl"):
    r = json.loads(l)
    if r["page"] == "ik": print(sys.argv[1] + "/" + r["file"]); break' "$WORK/synth")
printf 'not an image %.0s' $(seq 1 50) >"$WORK/junk.jpg"

for n in "${COUNTS[@]}"; do
  UP=$(CLUSTER_SERVERS=$n "$SRC/scripts/cluster.sh" up 2>"$WORK/up.log") || { cat "$WORK/up.log" >&2; exit 1; }
  read -r BASE APP KEY < <(/usr/bin/python3 -c '
import json, sys; d = json.loads(sys.argv[1]); print(d["base_url"], d["app_id"], d["api_key"])' "$UP")
  echo "servers=$n load=$(cut -d' ' -f1 /proc/loadavg) path=422 conn=$C422 $(wrk -t1 -c"$C422" \
    -d"${S422}s" --timeout 30s --latency -s "$SRC/tools/wrk_multipart.lua" "$BASE" -- \
    "$WORK/junk.jpg" "$APP" "$KEY" | tail -1)"
  echo "servers=$n load=$(cut -d' ' -f1 /proc/loadavg) path=200 conn=$C200 $(wrk -t1 -c"$C200" \
    -d"${S200}s" --timeout 60s --latency -s "$SRC/tools/wrk_multipart.lua" "$BASE" -- \
    "$PAGE" "$APP" "$KEY" | tail -1)"
  "$SRC/scripts/cluster.sh" down >/dev/null 2>&1
done
