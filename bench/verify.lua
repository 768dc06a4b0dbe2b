-- verify.lua: GET stamp URIs picked at random from bench/results/stamp-paths.txt
-- (one path?query a line), as shoppers' phones would: each with its own user agent.
--
-- The requests are formatted once, in init: wrk.format builds a table and calls
-- string.format for every header, which on these 2 cores cost wrk ~5 us a request, on
-- the core it shares with nothing but the kernel. The fixed request wrk sends to nginx
-- costs it nothing, so per-request formatting measured wrk against the server, not the
-- server against nginx. Shuffled (path, phone) pairs are as random as before: at least
-- 100,000 of them, each path at least once.
local reqs = {}
local n = 0

init = function(args)
   local paths = {}
   for line in io.lines(os.getenv("STAMP_PATHS") or "bench/results/stamp-paths.txt") do
      paths[#paths + 1] = line
   end
   math.randomseed(os.time())
   local count = math.max(#paths, 100000)
   for i = 1, count do
      local p = i <= #paths and paths[i] or paths[math.random(1, #paths)]
      reqs[i] = wrk.format("GET", p, {["Accept"] = "application/json",
                                      ["User-Agent"] = "phone-" .. math.random(1, 100000)})
   end
   n = count
end

request = function()
   return reqs[math.random(1, n)]
end

done = require("report").done
