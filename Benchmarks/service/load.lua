-- wrk script: POSTs the examples in turn to /api/v1/check and counts the statuses.
-- From the environment: BODIES (a file listing application paths); RATE (requests per second
-- offered in all; unset: as fast as the service answers) and THREADS (wrk's -t, which must equal
-- its -c when RATE is set).
--
-- At a constant rate every thread holds one connection and sends on a fixed schedule; a request's
-- latency runs from the time it was due, not from when it was sent, so that a stalled service is
-- charged for the requests it kept waiting (coordinated omission corrected, as wrk2 does).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } s3check_timespec;
  int clock_gettime(int clock, s3check_timespec *time);
]]
local clock = ffi.new("s3check_timespec")
local function now_us()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1e6 + tonumber(clock.tv_nsec) / 1e3
end

local bodies = {}
for path in io.lines(os.getenv("BODIES")) do
  local file = assert(io.open(path, "rb"))
  bodies[#bodies + 1] = file:read("*a")
  file:close()
end
local rate = tonumber(os.getenv("RATE") or "0")
local interval_us = rate > 0 and 1e6 * tonumber(os.getenv("THREADS") or "1") / rate or 0
local index = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, busy, other = 0, 0, 0
  -- Latencies from the due time, in 0.1 ms buckets.
  histogram, measured = {}, 0
  index = math.random(#bodies)
  start, slot, due = nil, 0, nil
end

function delay()
  if interval_us == 0 then return 0 end
  local now = now_us()
  -- Threads start at random points of their first interval, so that they do not send together.
  if start == nil then start = now + math.random() * interval_us end
  due = start + slot * interval_us
  slot = slot + 1
  return math.max(0, math.floor((due - now) / 1000))
end

function request()
  index = index % #bodies + 1
  return wrk.format("POST", "/api/v1/check", { ["Content-Type"] = "application/xml" }, bodies[index])
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 elseif status == 503 then busy = busy + 1 else other = other + 1 end
  if due ~= nil then
    local bucket = math.floor(math.max(0, now_us() - due) / 100)
    histogram[bucket] = (histogram[bucket] or 0) + 1
    measured = measured + 1
  end
end

-- The latency below which `fraction` of the measured requests fell, in ms.
local function percentile(merged, total, fraction)
  local buckets = {}
  for bucket, _ in pairs(merged) do buckets[#buckets + 1] = bucket end
  table.sort(buckets)
  local seen = 0
  for _, bucket in ipairs(buckets) do
    seen = seen + merged[bucket]
    if seen >= fraction * total then return (bucket + 1) / 10 end
  end
  return 0
end

function done(summary, latency, requests)
  local totals = { ok = 0, busy = 0, other = 0 }
  local merged, total = {}, 0
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + thread:get(key) end
    total = total + thread:get("measured")
    for bucket, count in pairs(thread:get("histogram")) do merged[bucket] = (merged[bucket] or 0) + count end
  end
  io.write(string.format("statuses: 200=%d 503=%d other=%d\n", totals.ok, totals.busy, totals.other))
  io.write(string.format("errors: connect=%d read=%d write=%d timeout=%d status=%d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  if total > 0 then
    io.write(string.format("latency-ms: p50=%.2f p99=%.2f p99.9=%.2f (from the due time, %d requests)\n",
      percentile(merged, total, 0.5), percentile(merged, total, 0.99), percentile(merged, total, 0.999), total))
  else
    io.write(string.format("latency-ms: p50=%.2f p99=%.2f\n", latency:percentile(50) / 1000,
      latency:percentile(99) / 1000))
  end
  io.write(string.format("rate: %.1f\n", summary.requests / (summary.duration / 1e6)))
end
