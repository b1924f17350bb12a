#!/usr/bin/env bash
# A small bounded load generator for the service: C concurrent clients (keep-alive)
# send N requests each to one endpoint and it prints requests/s and p50/p95/max.
#   scripts/load.sh --url http://127.0.0.1:8080 --app-id ID --api-key KEY \
#                   [--file page.jpg | --bad] [--kind ik] [--clients 4] [--requests 50]
# --bad sends a non-image file named .jpg: the 422 path (no OCR).
set -euo pipefail
exec /usr/bin/python3 - "$@" <<'PY'
import argparse, http.client, json, os, threading, time, urllib.parse, uuid

p = argparse.ArgumentParser()
p.add_argument("--url", default="http://127.0.0.1:8080")
p.add_argument("--app-id", required=True)
p.add_argument("--api-key", required=True)
p.add_argument("--file")
p.add_argument("--bad", action="store_true")
p.add_argument("--kind", default="ik", choices=["ik", "ip"])
p.add_argument("--clients", type=int, default=4)
p.add_argument("--requests", type=int, default=50)
a = p.parse_args()
if not a.file and not a.bad:
    p.error("--file or --bad")

if a.bad:
    name, data = "page.jpg", b"this is not a picture at all\n" * 10
else:
    name, data = os.path.basename(a.file), open(a.file, "rb").read()
boundary = uuid.uuid4().hex
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"{name}\"\r\n"
        f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
u = urllib.parse.urlparse(a.url)
headers = {"App-ID": a.app_id, "API-Key": a.api_key,
           "Content-Type": f"multipart/form-data; boundary={boundary}"}
lat, statuses, lock = [], {}, threading.Lock()

def client():
    conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=120)
    for _ in range(a.requests):
        t0 = time.perf_counter()
        try:
            conn.request("POST", f"/v2/ocr/bpkb_{a.kind}", body=body, headers=headers)
            r = conn.getresponse(); r.read(); st = r.status
            if r.getheader("Connection", "").lower() == "close":
                conn.close(); conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=120)
        except Exception:
            st = "error"; conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=120)
        dt = time.perf_counter() - t0
        with lock:
            lat.append(dt); statuses[st] = statuses.get(st, 0) + 1

t0 = time.perf_counter()
threads = [threading.Thread(target=client) for _ in range(a.clients)]
for t in threads: t.start()
for t in threads: t.join()
wall = time.perf_counter() - t0
lat.sort()
pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000
print(json.dumps({"endpoint": f"bpkb_{a.kind}", "clients": a.clients, "requests": len(lat),
                  "statuses": {str(k): v for k, v in statuses.items()},
                  "requests_per_s": round(len(lat) / wall, 1), "p50_ms": round(pct(0.50), 1),
                  "p95_ms": round(pct(0.95), 1), "max_ms": round(lat[-1] * 1000, 1)}))
PY
