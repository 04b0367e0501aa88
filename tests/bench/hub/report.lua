-- Shared by the wrk scripts of hub-load.sh: one RESULT line with the figures hub-load.sh prints and checks.
-- wrk runs each thread in a Lua state of its own; setup() keeps the threads so that done() can read what each
-- counted (created plays, for sync).
local report = {}
local threads = {}

function report.setup(thread)
    thread:set("thread_index", #threads)
    table.insert(threads, thread)
end

function report.done(summary, latency, created_of)
    local errors = summary.errors
    local seconds = summary.duration / 1e6
    local created = 0
    if created_of then
        for _, thread in ipairs(threads) do
            created = created + created_of(thread)
        end
    end
    io.write(string.format(
        "RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f created=%d created_per_s=%.0f "
            .. "connect_errors=%d read_errors=%d write_errors=%d timeouts=%d non_2xx=%d\n",
        summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
        latency:percentile(99) / 1000, created, created / seconds, errors.connect, errors.read, errors.write,
        errors.timeout, errors.status))
end

return report
