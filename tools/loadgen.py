#!/usr/bin/python3
"""A bounded load generator for bpkb-ocr (issue 6), standard library only.

Sends POST /v2/ocr/bpkb_ik|ip multipart requests with one file from C threads
(one keep-alive connection each) for a fixed time or number of requests, gives
every request its own reference_id, and prints one JSON object: requests/s,
latency percentiles per HTTP status, counts per status and error_code, transport
errors. With --verify it then pulls every 200's result by reference_id and counts
the ones that cannot be found. With --record FILE it writes one JSON line per
request (reference_id, status, error_code, ms) for fault tests.

  tools/loadgen.py --base-url URL --app-id ID --api-key KEY --file page.png \
      --concurrency 4 --duration 20 [--requests N] [--page ik] [--verify]
"""
import argparse
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse
import uuid


def multipart(file_bytes, filename, reference_id):
    boundary = "bpkbload" + uuid.uuid4().hex
    parts = [
        b"--" + boundary.encode() + b"\r\n"
        + b'Content-Disposition: form-data; name="image"; filename="' + filename.encode()
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n' + file_bytes + b"\r\n",
        b"--" + boundary.encode() + b"\r\n"
        + b'Content-Disposition: form-data; name="reference_id"\r\n\r\n'
        + reference_id.encode() + b"\r\n",
        b"--" + boundary.encode() + b"--\r\n",
    ]
    return b"".join(parts), "multipart/form-data; boundary=" + boundary


def percentile(sorted_values, q):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, int(round(q / 100.0 * (len(sorted_values) - 1)))))
    return round(sorted_values[k], 1)


class Client:
    def __init__(self, base_url, timeout):
        u = urllib.parse.urlparse(base_url)
        self.host, self.port, self.timeout = u.hostname, u.port or 80, timeout
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        """Returns (status, body bytes); raises on transport errors."""
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                resp = self.conn.getresponse()
                data = resp.read()
                if resp.getheader("Connection", "").lower() == "close":
                    self.close()
                return resp.status, data
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # A keep-alive connection the server closed while idle: one fresh try
                # only when nothing could have been processed (send side failed).
                self.close()
                if attempt == 1:
                    raise
            except Exception:
                self.close()
                raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--app-id", required=True)
    ap.add_argument("--api-key", required=True)
    ap.add_argument("--file", required=True)
    ap.add_argument("--page", choices=["ik", "ip"], default="ik")
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--duration", type=float, default=10.0, help="seconds (upper bound)")
    ap.add_argument("--requests", type=int, default=0, help="stop after N requests (0: no cap)")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--label", default="")
    ap.add_argument("--verify", action="store_true", help="pull every 200's result afterwards")
    ap.add_argument("--record", help="write one JSON line per request here")
    args = ap.parse_args()

    file_bytes = open(args.file, "rb").read()
    filename = os.path.basename(args.file)
    path = "/v2/ocr/bpkb_" + args.page
    run_id = uuid.uuid4().hex[:8]
    lock = threading.Lock()
    records = []
    issued = [0]
    deadline = time.monotonic() + args.duration

    def take_ticket():
        with lock:
            if args.requests and issued[0] >= args.requests:
                return None
            issued[0] += 1
            return issued[0]

    def worker():
        client = Client(args.base_url, args.timeout)
        while time.monotonic() < deadline:
            n = take_ticket()
            if n is None:
                break
            ref = "load-%s-%d" % (run_id, n)
            body, ctype = multipart(file_bytes, filename, ref)
            headers = {"App-ID": args.app_id, "API-Key": args.api_key, "Content-Type": ctype}
            t0 = time.monotonic()
            status, code = 0, ""
            try:
                status, data = client.request("POST", path, body, headers)
                if status != 200:
                    try:
                        code = json.loads(data).get("error_code", "")
                    except ValueError:
                        code = "non-json"
            except Exception as e:  # transport error: connection refused, timeout
                code = type(e).__name__
            ms = (time.monotonic() - t0) * 1000.0
            with lock:
                records.append({"reference_id": ref, "status": status, "error_code": code,
                                "ms": round(ms, 1)})
        client.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started

    by_status = {}
    for r in records:
        key = str(r["status"]) + ((" " + r["error_code"]) if r["error_code"] else "")
        by_status[key] = by_status.get(key, 0) + 1
    latency = {}
    for status in sorted({r["status"] for r in records}):
        ms = sorted(r["ms"] for r in records if r["status"] == status)
        latency[str(status)] = {"count": len(ms), "p50_ms": percentile(ms, 50),
                                "p95_ms": percentile(ms, 95), "p99_ms": percentile(ms, 99)}
    summary = {
        "label": args.label, "path": path, "concurrency": args.concurrency,
        "requests": len(records), "seconds": round(elapsed, 2),
        "requests_per_s": round(len(records) / elapsed, 2) if elapsed > 0 else 0,
        "by_status": by_status, "latency": latency,
    }
    if args.verify:
        client = Client(args.base_url, args.timeout)
        headers = {"App-ID": args.app_id, "API-Key": args.api_key}
        missing = 0
        ok = [r for r in records if r["status"] == 200]
        for r in ok:
            try:
                status, _ = client.request(
                    "GET", path + "/result?reference_id=" + r["reference_id"], None, headers)
            except Exception:
                status = 0
            if status != 200:
                missing += 1
        summary["verified_200"] = len(ok)
        summary["missing_results"] = missing
    if args.record:
        with open(args.record, "w") as f:
            for r in records:
                f.write(json.dumps(r) + "\n")
    print(json.dumps(summary))


if __name__ == "__main__":
    sys.exit(main())
