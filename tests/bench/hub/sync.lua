-- wrk: POST /api/v1/sync batches of HUB_BATCH plays (default 500), every item with an id never sent before
-- (thread index and a counter in UUID form), played in 2010-2013 so that the household's week stays small.
-- Counts the plays the hub answered as created.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

local batch = tonumber(os.getenv("HUB_BATCH") or "500")
local headers = {
    ["Authorization"] = "Bearer " .. os.getenv("HUB_TOKEN"),
    ["Content-Type"] = "application/json",
}
local sent = 0
created = 0

setup = report.setup

request = function()
    local items = {}
    for i = 1, batch do
        sent = sent + 1
        items[i] = string.format(
            '{"id":"%08d-0000-4000-8000-%012d","kind":"play","payload":{"track_name":"Load %d",'
                .. '"track_uri":"spotify:track:%022d","played_at_ms":%d}}',
            thread_index, sent, sent % 997, sent % 997, 1262304000000 + (sent % 100000000) * 1000)
    end
    return wrk.format("POST", "/api/v1/sync", headers, '{"items":[' .. table.concat(items, ",") .. "]}")
end

response = function(status, headers, body)
    if status == 200 then
        created = created + tonumber(body:match('"created":(%d+)') or "0")
    end
end

done = function(summary, latency, requests)
    report.done(summary, latency, function(thread)
        return thread:get("created")
    end)
end
