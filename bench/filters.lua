-- filters.lua: GET /api/v1/products?stars=4&certificate=valid, first pages (1..5).
local n = 0

request = function()
   n = n + 1
   return wrk.format("GET", "/api/v1/products?stars=4&certificate=valid&page=" .. ((n % 5) + 1))
end

done = require("report").done
