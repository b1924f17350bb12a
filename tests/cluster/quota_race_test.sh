#!/usr/bin/env bash
# Quota is never overspent across processes: two `bpkb-ocr serve` processes on
# one PostgreSQL, a testing app with quota Q, N > Q concurrent extractions spread
# over both servers. Exactly Q answer 200, the rest 400 OCR_40004; the database
# ends with quota 0 and exactly Q stored results, each one pullable.
. "$(dirname "$0")/lib.sh" "$1"
Q=${QUOTA_RACE_Q:-6}
EACH=${QUOTA_RACE_EACH:-10}  # requests per server

make_page
CLUSTER_SERVERS=2 CLUSTER_WORKERS=2 "$CLUSTER" up >"$WORK/up.json"
UP=$(cat "$WORK/up.json")
DB=$(jget "$UP" database_url)
CRED=$("$BPKB_BIN" app create --name race --mode testing --quota "$Q" --rate-limit 0 \
  --database-url "$DB")
APP=$(jget "$CRED" app_id)
KEY=$(jget "$CRED" api_key)
S1=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["servers"][0])' "$WORK/up.json")
S2=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["servers"][1])' "$WORK/up.json")

# Two clients per server: within each server's workers + queue, so no 503.
for s in "$S1" "$S2"; do
  $LOADGEN --base-url "$s" --app-id "$APP" --api-key "$KEY" --file "$PAGE" \
    --concurrency 2 --requests "$EACH" --duration 300 --verify >"$WORK/race-${s##*:}.json" &
done
wait
cat "$WORK"/race-*.json

/usr/bin/python3 - "$Q" "$((2 * EACH))" "$WORK"/race-*.json <<'PY'
import json, sys
q, n = int(sys.argv[1]), int(sys.argv[2])
ok = refused = other = missing = 0
for path in sys.argv[3:]:
    s = json.load(open(path))
    for key, count in s["by_status"].items():
        if key == "200": ok += count
        elif key == "400 OCR_40004": refused += count
        else: other += count
    missing += s.get("missing_results", 0)
print("quota race: Q=%d requests=%d -> 200: %d, 400 OCR_40004: %d, other: %d, "
      "200s not pullable: %d" % (q, n, ok, refused, other, missing))
assert ok == q, "exactly Q must succeed"
assert refused == n - q, "the rest must be refused for quota"
assert other == 0 and missing == 0
PY

PSQL="psql $DB -qAt"
[ "$(id -u)" = 0 ] && PSQL="runuser -u postgres -- psql $DB -qAt"
QUOTA_LEFT=$($PSQL -c "SELECT quota FROM apps WHERE id = '$APP'")
STORED=$($PSQL -c "SELECT count(*) FROM results WHERE app_id = '$APP'")
[ "$QUOTA_LEFT" = 0 ] || fail "quota left is $QUOTA_LEFT, expected 0"
[ "$STORED" = "$Q" ] || fail "$STORED results stored, expected $Q"
echo "PASS: quota $Q spent exactly once over 2 servers; $STORED results stored"
