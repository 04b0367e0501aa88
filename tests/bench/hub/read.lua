-- wrk: authenticated GETs of the path given on wrk's command line, with the device token of HUB_TOKEN.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

wrk.headers["Authorization"] = "Bearer " .. os.getenv("HUB_TOKEN")

setup = report.setup

done = function(summary, latency, requests)
    report.done(summary, latency, nil)
end
