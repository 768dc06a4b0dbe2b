-- report.lua: wrk done() hook shared by the bench scripts (require "report").
-- Prints one machine-readable line that bench/run.sh parses:
--   WRK_RESULT requests=N seconds=S rps=R p50_us=.. p90_us=.. p99_us=.. p999_us=.. max_us=..
--              errors=E non2xx=M
local M = {}

function M.done(summary, latency, requests)
   local e = summary.errors
   local secs = summary.duration / 1e6
   io.write(string.format(
      "WRK_RESULT requests=%d seconds=%.2f rps=%.0f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d errors=%d non2xx=%d\n",
      summary.requests, secs, summary.requests / secs,
      latency:percentile(50), latency:percentile(90), latency:percentile(99),
      latency:percentile(99.9), latency.max,
      e.connect + e.read + e.write + e.timeout, e.status))
end

return M
