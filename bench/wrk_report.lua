-- Used for every wrk run. With a file of paths after `--` (one per line), each request asks for
-- one of them at random, so a row measures a long tail of pages rather than one page again and
-- again. done() prints one JSON line bench/run.py reads (latencies in microseconds).
local paths = nil

init = function(args)
  if args[1] then
    paths = {}
    for line in io.lines(args[1]) do
      if line ~= "" then paths[#paths + 1] = line end
    end
    -- every wrk thread has its own Lua state: seed each differently
    math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
  end
end

request = function()
  if paths then
    return wrk.format("GET", paths[math.random(#paths)])
  end
  return wrk.format()
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"mean": %.1f, "max": %d, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
