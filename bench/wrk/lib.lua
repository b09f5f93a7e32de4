-- Shared by the wrk scripts of `make bench` (loaded with dofile).
--
--   WRK_OUT    file that done() writes one line of key=value results to (latencies in microseconds)
--   WRK_RATE   optional target rate in requests/s for the thread (run wrk with -t1): 0 or unset = as fast
--              as the connections go (closed loop, the maximum-throughput run)
--   WRK_CLOSE  1: every request carries `Connection: close` (a new TCP connection per request, as the
--              peers were measured); unset: keep-alive
--
-- Pacing: every call of delay() takes the next slot of a fixed schedule (one slot every 1/WRK_RATE s,
-- measured with CLOCK_MONOTONIC through LuaJIT's FFI) and waits until that slot. A connection that comes
-- back late finds its slot in the past and sends at once, so the schedule catches up instead of drifting
-- to a lower rate. wrk still measures latency from the moment a request is written, and a request can
-- only be sent when one of the -c connections is free, so this is not a full open-model generator
-- (wrk2 is not packaged for Debian): at half of the maximum throughput connections are free most of the
-- time and the difference is small, and bench.sh reports the rate actually achieved next to p99.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local now_buffer = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_buffer)
  return tonumber(now_buffer.tv_sec) * 1000 + tonumber(now_buffer.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("WRK_RATE") or "0") or 0
if rate > 0 then
  local interval = 1000 / rate
  local next_slot = nil
  delay = function()
    local now = now_ms()
    if next_slot == nil then
      next_slot = now
    end
    local slot = next_slot
    next_slot = next_slot + interval
    local wait = slot - now
    if wait < 0 then
      return 0
    end
    return wait
  end
end

-- The headers of every request: the given ones, and `Connection: close` when WRK_CLOSE is 1.
function bench_headers(headers)
  if os.getenv("WRK_CLOSE") == "1" then
    headers = headers or {}
    headers["Connection"] = "close"
  end
  return headers
end

-- Reads a file of request paths, one per line.
function bench_read_lines(path)
  local lines = {}
  local file = assert(io.open(path, "r"), "cannot read " .. tostring(path))
  for line in file:lines() do
    if line ~= "" then
      lines[#lines + 1] = line
    end
  end
  file:close()
  assert(#lines > 0, "no paths in " .. path)
  return lines
end

-- Seeds each thread differently (wrk loads the script once per thread).
math.randomseed(math.floor(now_ms() * 1000) % 2147483647)

done = function(summary, latency, requests)
  local out = assert(os.getenv("WRK_OUT"), "WRK_OUT is not set")
  local file = assert(io.open(out, "w"))
  local e = summary.errors
  file:write(string.format(
    "requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f "
      .. "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
  file:close()
end
