-- static.lua: plain GET of the URL given to wrk (the nginx ceiling); only reports.
done = require("report").done
