# Shared by the cluster tests: a private cluster (scripts/cluster.sh) in a temp
# dir that is always taken down on exit, a synthetic BPKB page to send, and
# small helpers. Usage: . lib.sh BUILD_DIR  (BUILD_DIR holds bpkb-ocr).
set -euo pipefail
BUILD=$(cd "${1:?build dir}" && pwd)
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export BPKB_BIN=$BUILD/bpkb-ocr
export CLUSTER_DIR=${CLUSTER_DIR:-$(mktemp -d /tmp/bpkb-cluster-XXXXXX)}
WORK=$CLUSTER_DIR.work
mkdir -p "$WORK"
CLUSTER="$SRC/scripts/cluster.sh"
LOADGEN=/usr/bin/python3
LOADGEN="$LOADGEN $SRC/tools/loadgen.py"

cleanup() {
  "$CLUSTER" down >/dev/null 2>&1 || true
  # The disk-full drill mounts a tmpfs here; a failed run must not leave it.
  umount "$WORK/tablespace" 2>/dev/null || true
  rm -rf "$WORK" "$CLUSTER_DIR"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
jget() { /usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

# A synthetic IK page (PNG) that the reader answers 200 for: $WORK/page.png.
make_page() {
  "$BUILD/bpkb-ocr-synth" --out "$WORK/synth" --count 2 --seed 11 >/dev/null 2>&1 ||
    fail "bpkb-ocr-synth failed"
  local f
  f=$(/usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1] + "/truth.jsonl"):
    r = json.loads(line)
    if r["page"] == "ik":
        print(sys.argv[1] + "/" + r["file"]); break' "$WORK/synth")
  [ -n "$f" ] || fail "no IK page made by bpkb-ocr-synth"
  cp "$f" "$WORK/page.${f##*.}"
  PAGE=$WORK/page.${f##*.}
}

# Not an image at all: the 422 path.
make_junk() {
  printf 'this is not an image\n%.0s' $(seq 1 20) >"$WORK/junk.txt"
  JUNK=$WORK/junk.txt
}
