-- by_id.lua: GET /api/v1/products/{id}, ids uniformly random in 1..MAX_ID (env).
local max_id = tonumber(os.getenv("MAX_ID") or "100000")
local seeded = false

request = function()
   if not seeded then
      math.randomseed(os.time())
      seeded = true
   end
   return wrk.format("GET", "/api/v1/products/" .. math.random(1, max_id))
end

done = require("report").done
