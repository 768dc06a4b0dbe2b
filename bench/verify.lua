-- verify.lua: GET stamp URIs picked at random from bench/results/stamp-paths.txt
-- (one path?query a line), as shoppers' phones would; distinct user agents.
local paths = {}
for line in io.lines(os.getenv("STAMP_PATHS") or "bench/results/stamp-paths.txt") do
   paths[#paths + 1] = line
end
local seeded = false

request = function()
   if not seeded then
      math.randomseed(os.time())
      seeded = true
   end
   local p = paths[math.random(1, #paths)]
   return wrk.format("GET", p, {["Accept"] = "application/json",
                                ["User-Agent"] = "phone-" .. math.random(1, 100000)})
end

done = require("report").done
