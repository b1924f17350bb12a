-- wrk script: POST one file as multipart/form-data to /v2/ocr/bpkb_ik (or the
-- path given) with App-ID/API-Key, and count the answers by HTTP status.
--   wrk -t1 -c4 -d30s --latency -s tools/wrk_multipart.lua URL -- FILE APP_ID API_KEY [PATH]
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  local data = f:read("*a")
  f:close()
  local boundary = "bpkbwrk7f3a9c1e"
  wrk.method = "POST"
  wrk.path = args[4] or "/v2/ocr/bpkb_ik"
  wrk.headers["App-ID"] = args[2]
  wrk.headers["API-Key"] = args[3]
  wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
  wrk.body = "--" .. boundary .. "\r\n" ..
    "Content-Disposition: form-data; name=\"image\"; filename=\"page.jpg\"\r\n" ..
    "Content-Type: application/octet-stream\r\n\r\n" .. data .. "\r\n--" .. boundary .. "--\r\n"
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(total) do
    table.insert(parts, string.format("\"%d\": %d", status, n))
  end
  io.write(string.format(
    "{\"requests\": %d, \"seconds\": %.1f, \"requests_per_s\": %.2f, \"p50_ms\": %.1f, " ..
    "\"p95_ms\": %.1f, \"p99_ms\": %.1f, \"socket_errors\": %d, \"by_status\": {%s}}\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ", ")))
end
