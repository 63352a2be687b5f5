-- wrk script of the command-throughput scenario: POST a purchase of a new order (ids unique by RUN_ID, thread and
-- counter) for members taken in turn from MEMBERS_FILE, threads interleaved so that no two requests in flight share a
-- member; bearer token in TOKEN. 409 (a concurrent change) is counted apart as a conflict. Prints the figures the
-- suite reads as one JSON line at the end.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local members = {}
local counter = 0
local stride = 1
local run = os.getenv("RUN_ID") or "wrk"
local headers = {
  ["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or ""),
  ["Content-Type"] = "application/json",
  ["Accept"] = "application/json"
}
conflicts = 0
failures = 0

function init(args)
  for line in io.lines(os.getenv("MEMBERS_FILE")) do
    if #line > 0 then members[#members + 1] = line end
  end
  stride = tonumber(os.getenv("WRK_THREADS") or "1")
  math.randomseed(os.time() + id)
end

function request()
  local member = members[((counter * stride + id) % #members) + 1]
  counter = counter + 1
  local body = string.format('{"orderId":"ct-%s-%d-%d","amount":%d.00}', run, id, counter, math.random(10, 800))
  return wrk.format("POST", "/api/v1/members/" .. member .. "/purchases", headers, body)
end

function response(status, headers, body)
  if status == 409 then
    conflicts = conflicts + 1
  elseif status ~= 200 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local c, f = 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("conflicts")
    f = f + thread:get("failures")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationMicros":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,' ..
    '"statusErrors":%d,"timeouts":%d,"conflicts":%d,"failures":%d,"p50":%.3f,"p95":%.3f,"p99":%.3f,' ..
    '"mean":%.3f,"max":%.3f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, c, f,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, latency.max / 1000))
end
