-- POST load for `make bench`: a citizen's pothole report, form-encoded as GeoReport v2 clients send it,
-- with the demo API key, a required attribute answer, a submitter e-mail, and a location drawn over the
-- city (half downtown, half anywhere in the 16 x 16 km box), so that every request takes the full write
-- path: key check, agency routing, the request, its attribute, its submitter and its history entry, in
-- one transaction acknowledged after commit. See lib.lua for WRK_OUT and WRK_RATE.
--
--   WRK_API_KEY   the demo key (default riverton-demo-key)
dofile((os.getenv("WRK_LIB_DIR") or "bench/wrk") .. "/lib.lua")

local key = os.getenv("WRK_API_KEY") or "riverton-demo-key"
local path = "/open311/v2/requests.json"
local headers = bench_headers({ ["Content-Type"] = "application/x-www-form-urlencoded" })
local depths = { "shallow", "deep", "dangerous" }
local counter = 0

request = function()
  counter = counter + 1
  local lon, lat
  if math.random() < 0.5 then
    lon = -89.6501 + (math.random() - 0.5) * 0.03
    lat = 39.7817 + (math.random() - 0.5) * 0.025
  else
    lon = -89.6501 + (math.random() - 0.5) * 0.187
    lat = 39.7817 + (math.random() - 0.5) * 0.144
  end
  local body = string.format(
    "api_key=%s&service_code=POTHOLE&attribute%%5BDEPTH%%5D=%s&lat=%.6f&long=%.6f"
      .. "&address_string=%d+Main+St&email=bench%d%%40example.org"
      .. "&description=Deep+hole+in+the+right+lane%%2C+report+%d",
    key, depths[math.random(#depths)], lat, lon, 100 + math.random(2800), counter, counter)
  return wrk.format("POST", path, headers, body)
end
