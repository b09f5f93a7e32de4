-- GET load for `make bench`: every request takes a random path of the list in WRK_PATHS (one path per
-- line, written by bench.sh: one path for fixed shapes, a thousand random boxes or circles for the
-- spatial ones, the sampled ids for the single-request shape). See lib.lua for WRK_OUT and WRK_RATE.
dofile((os.getenv("WRK_LIB_DIR") or "bench/wrk") .. "/lib.lua")

local paths = bench_read_lines(assert(os.getenv("WRK_PATHS"), "WRK_PATHS is not set"))

-- WRK_AUTHORIZATION: an Authorization header for every request (the staff shapes send a bearer token)
local authorization = os.getenv("WRK_AUTHORIZATION")
local headers = nil
if authorization and authorization ~= "" then
  headers = { ["Authorization"] = authorization }
end
headers = bench_headers(headers)

request = function()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end
