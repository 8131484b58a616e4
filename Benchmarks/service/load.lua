-- wrk script: POSTs the examples in turn to /api/v1/check and counts the statuses.
-- BODIES (a file listing application paths) and PACE_MS (a pause before each request, for a
-- paced run below the maximum rate) come from the environment.
local bodies = {}
for path in io.lines(os.getenv("BODIES")) do
  local file = assert(io.open(path, "rb"))
  bodies[#bodies + 1] = file:read("*a")
  file:close()
end
local pace = tonumber(os.getenv("PACE_MS") or "0")
local index = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, busy, other = 0, 0, 0
  index = math.random(#bodies)
end

function request()
  index = index % #bodies + 1
  return wrk.format("POST", "/api/v1/check", { ["Content-Type"] = "application/xml" }, bodies[index])
end

function delay()
  return pace
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 elseif status == 503 then busy = busy + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local totals = { ok = 0, busy = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + thread:get(key) end
  end
  io.write(string.format("statuses: 200=%d 503=%d other=%d\n", totals.ok, totals.busy, totals.other))
  io.write(string.format("errors: connect=%d read=%d write=%d timeout=%d status=%d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  io.write(string.format("latency-ms: p50=%.2f p99=%.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("rate: %.1f\n", summary.requests / (summary.duration / 1e6)))
end
