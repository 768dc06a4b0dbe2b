-- search.lua: GET /api/v1/products?q=... cycling over realistic shopper queries:
-- folded ("bat trang"), with diacritics as typed on a phone ("Bát Tràng"), prefixes
-- while typing ("che thai ng", "gom s"), and "mat ong", which matches ~3% of the
-- synthetic catalogue (~3k of 100k rows: the ARCHITECTURE figure's case).
-- QUERIES (env, "|"-separated) overrides the list.
local default = {
   "bat trang", "may tre dan", "banh te", "mat ong", "nuoc mam phu quoc",
   "Bát Tràng", "Mây tre đan", "bánh tẻ", "mật ong bạc hà", "chè thái nguyên",
   "che thai ng", "gom s", "gao st", "ruou lang v", "tinh dau sa",
}
local queries = {}
if os.getenv("QUERIES") then
   for q in string.gmatch(os.getenv("QUERIES"), "[^|]+") do queries[#queries + 1] = q end
else
   queries = default
end

local function urlencode(s)
   return (string.gsub(s, "[^%w%-%._~]", function(c)
      return string.format("%%%02X", string.byte(c))
   end))
end

local paths = {}
for i, q in ipairs(queries) do
   paths[i] = "/api/v1/products?q=" .. urlencode(q)
end
local n = 0

request = function()
   n = n + 1
   return wrk.format("GET", paths[(n % #paths) + 1])
end

done = require("report").done
