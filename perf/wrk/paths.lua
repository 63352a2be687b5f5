-- wrk script of the suite's closed-loop read scenarios: GET a random path of PATHS_FILE (one per line) with the
-- bearer token in TOKEN, and print the figures the suite reads as one JSON line at the end.
local paths = {}
local headers = { ["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or ""), ["Accept"] = "application/json" }

function init(args)
  for line in io.lines(os.getenv("PATHS_FILE")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationMicros":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,' ..
    '"statusErrors":%d,"timeouts":%d,"p50":%.3f,"p95":%.3f,"p99":%.3f,"mean":%.3f,"max":%.3f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, latency.max / 1000))
end
