-- Printed by wrk after a run: one JSON line bench/run.py reads (latencies in microseconds).
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
