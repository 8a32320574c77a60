-- wrk script for bench/console.py: GET one incident-list URL (the one on wrk's command
-- line) with the console's bearer token; counts answers other than 200.
-- env: BENCH_TOKEN (an access token from /auth/token/)
local threads = {}
ok = 0
failed = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else failed = failed + 1 end
end

function done(summary, latency, requests)
  local good, bad = 0, 0
  for _, t in ipairs(threads) do
    good = good + t:get("ok")
    bad = bad + t:get("failed")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH ok=%d failed=%d requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d errors=%d\n",
    good, bad, summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout))
end
