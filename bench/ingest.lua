-- wrk script: POST an Alertmanager payload with fresh fingerprints on every request.
-- env: BENCH_ALERTS (alerts per payload), BENCH_KEY (API key), BENCH_RUN (run label)
local threads = {}
local counter = 0
accepted = 0
failed = 0
local per_payload = tonumber(os.getenv("BENCH_ALERTS") or "1")
local key = os.getenv("BENCH_KEY") or ""
local run = os.getenv("BENCH_RUN") or "run"

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. key
end

function request()
  counter = counter + 1
  local parts = {}
  for i = 1, per_payload do
    local fp = string.format("%s-%d-%d-%d", run, tid, counter, i)
    parts[i] = string.format(
      '{"status":"firing","labels":{"alertname":"BenchAlert","instance":"node-%d:9100","job":"node","severity":"critical"},' ..
      '"annotations":{"summary":"bench","description":"bench alert %s"},"startsAt":"2026-11-23T10:00:00Z",' ..
      '"endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph","fingerprint":"%s"}', i, fp, fp)
  end
  local body = '{"version":"4","groupKey":"{}:{alertname=\\"BenchAlert\\"}","truncatedAlerts":0,"status":"firing",' ..
    '"receiver":"vigil","groupLabels":{"alertname":"BenchAlert"},"commonLabels":{"alertname":"BenchAlert"},' ..
    '"commonAnnotations":{},"externalURL":"http://alertmanager:9093","alerts":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format("POST", nil, nil, body)
end

function response(status, headers, body)
  if status == 202 then accepted = accepted + 1 else failed = failed + 1 end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + t:get("accepted")
    bad = bad + t:get("failed")
  end
  io.write(string.format("BENCH accepted=%d failed=%d requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d\n",
    ok, bad, summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
