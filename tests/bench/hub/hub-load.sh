#!/usr/bin/env bash
# tests/bench/hub/hub-load.sh HUB_BINARY OPENLOOP_BINARY
#
# Issue 7's load figures and RELIABILITY.md's T20 against the real tunescout-hub and a PostgreSQL of the test
# cluster (TUNESCOUT_TEST_PG_URL: run it under tests/with-services.sh), over loopback only:
#   1. wrk, closed loop: authenticated reads (GET /api/v1/me and /api/v1/household/week) and sync batches of
#      500 new plays; requests/s, p50/p99 and plays/s beside the issue's targets;
#   2. OPENLOOP_BINARY (openloop.cpp, target tunescout-hub-openloop), constant arrival rate: reads at 200 req/s
#      (the issue's p99 target), then T20: the nominal mix at 100 req/s, 1,000 req/s, an idle pause, and the
#      nominal rate again; then the hub's own share of the 503s' latency, from its histogram
#      tunescout_hub_http_shed_seconds.
# Figures are printed, never judged. It fails only when wrk saw an error or a non-2xx answer, when an answer of
# the open-loop phases is not 2xx/429/503, when the nominal, 200 req/s or recovery phases had connection
# errors, or when the hub's RSS went over 512 MiB. A few seconds per phase by default;
# TUNESCOUT_BENCH_HUB_LOAD_FULL=1 runs T20's sizes (30 s, 15 s, 10 s idle, 10 s) and 30 s wrk phases.
# Exit 77 (skipped) without TUNESCOUT_TEST_PG_URL, unless TUNESCOUT_TEST_REQUIRE_SERVICES=1.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 HUB_BINARY OPENLOOP_BINARY" >&2
    exit 2
fi
hub_binary=$1
openloop_binary=$2
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${TUNESCOUT_TEST_PG_URL:-}" ]; then
    echo "hub-load: TUNESCOUT_TEST_PG_URL is not set; run under tests/with-services.sh" >&2
    [ "${TUNESCOUT_TEST_REQUIRE_SERVICES:-0}" = 1 ] && exit 1
    exit 77
fi
for tool in wrk curl psql python3; do
    command -v "$tool" >/dev/null || { echo "hub-load: $tool is missing (packaging/install-deps.sh installs it)" >&2; exit 1; }
done

if [ "${TUNESCOUT_BENCH_HUB_LOAD_FULL:-0}" = 1 ]; then
    wrk_s=30 rate200_s=60 nominal_s=30 overload_s=15 idle_s=10 recovery_s=10
else
    wrk_s=5 rate200_s=5 nominal_s=5 overload_s=5 idle_s=2 recovery_s=5
fi

work=$(mktemp -d /tmp/tunescout-hub-load.XXXXXX)
database="hub_load_$$"
hub_pid=""
cleanup() {
    local status=$?
    if [ -n "$hub_pid" ]; then
        kill "$hub_pid" 2>/dev/null || true
        wait "$hub_pid" 2>/dev/null || true
    fi
    psql "$TUNESCOUT_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
    if [ $status -ne 0 ] && [ -s "$work/hub.log" ]; then
        echo "hub-load: the hub's log:" >&2
        tail -n 20 "$work/hub.log" >&2
    fi
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT

# The hub's own settings only; limits per token and address are lifted, since one device sends all the load.
while read -r name; do unset "$name"; done < <(env | sed -n 's/^\(TUNESCOUT_HUB_[A-Z_]*\)=.*/\1/p')
psql "$TUNESCOUT_TEST_PG_URL" -qc "CREATE DATABASE $database" >/dev/null
export TUNESCOUT_HUB_DATABASE_URL="${TUNESCOUT_TEST_PG_URL%/*}/$database"
"$hub_binary" migrate >/dev/null 2>&1
"$hub_binary" household create Load >/dev/null 2>&1
code=$("$hub_binary" invite Load 2>/dev/null | grep -o '[0-9A-Z]\{5\}-[0-9A-Z]\{5\}')
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$hub_binary" serve --listen "127.0.0.1:$port" --train-interval 0 --token-rate 1000000 --token-burst 1000000 \
    --address-rate 1000000 --address-burst 1000000 >"$work/hub.log" 2>&1 &
hub_pid=$!
for _ in $(seq 200); do
    curl -sf "$base/healthz" >/dev/null 2>&1 && break
    kill -0 "$hub_pid" 2>/dev/null || { echo "hub-load: the hub did not start" >&2; exit 1; }
    sleep 0.1
done
curl -sf "$base/healthz" >/dev/null

token=$(curl -sf -H 'Content-Type: application/json' \
    -d "{\"code\":\"$code\",\"display_name\":\"Load\",\"device_label\":\"wrk\"}" "$base/api/v1/pair" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
export HUB_TOKEN=$token
# This week's plays for the reads: 500 plays of 50 tracks over the last days.
python3 - "$base" "$token" <<'PY'
import json, sys, time, urllib.request, uuid
base, token = sys.argv[1], sys.argv[2]
now = int(time.time() * 1000)
items = [{"id": str(uuid.uuid4()), "kind": "play",
          "payload": {"track_name": f"Week {i % 50}", "track_uri": "spotify:track:%022d" % (i % 50),
                      "artists": [{"name": f"Artist {i % 7}"}], "played_at_ms": now - 600000 * i}}
         for i in range(500)]
request = urllib.request.Request(base + "/api/v1/sync", json.dumps({"items": items}).encode(),
                                 {"Content-Type": "application/json", "Authorization": "Bearer " + token})
created = json.load(urllib.request.urlopen(request))["created"]
assert created == 500, created
PY

failed=0
result() { grep '^RESULT ' "$1" | sed 's/^RESULT //'; }
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
run_wrk() { # NAME CONNECTIONS SCRIPT PATH; sets line
    local out="$work/$1.txt"
    wrk -t2 -c"$2" -d"${wrk_s}s" --timeout 10s -s "$here/$3" "$base$4" >"$out" 2>&1 || true
    line=$(result "$out")
    if [ -z "$line" ]; then
        echo "hub-load: wrk ($1) did not finish:" >&2
        cat "$out" >&2
        failed=1
        return
    fi
    local errors=0
    for kind in connect_errors read_errors write_errors timeouts non_2xx; do
        errors=$((errors + $(field "$line" $kind)))
    done
    [ "$errors" -eq 0 ] || { echo "hub-load: wrk ($1) saw errors: $line" >&2; failed=1; }
}

cores=$(nproc)
echo "tunescout-hub load on 127.0.0.1:$port, PostgreSQL of the test cluster, $cores cores (shared with whatever else runs)"
echo "wrk, closed loop, ${wrk_s} s each (2 threads):"
run_wrk me 8 read.lua /api/v1/me
printf '  GET /api/v1/me, 8 connections: %s req/s (target >= 5000), p50 %s ms, p99 %s ms\n' \
    "$(field "$line" rps)" "$(field "$line" p50_ms)" "$(field "$line" p99_ms)"
run_wrk week 8 read.lua /api/v1/household/week
printf '  GET /api/v1/household/week (500 plays this week), 8 connections: %s req/s, p50 %s ms, p99 %s ms\n' \
    "$(field "$line" rps)" "$(field "$line" p50_ms)" "$(field "$line" p99_ms)"
run_wrk sync 4 sync.lua /api/v1/sync
printf '  POST /api/v1/sync, 500 new plays a batch, 4 connections: %s batches/s, %s plays/s (target >= 50000), p50 %s ms, p99 %s ms\n' \
    "$(field "$line" rps)" "$(field "$line" created_per_s)" "$(field "$line" p50_ms)" "$(field "$line" p99_ms)"

echo "open loop (tunescout-hub-openloop), a connection per request, latency from the scheduled time:"
echo "  reads at 200 req/s: target p99 <= 20 ms; T20 nominal (CI-scaled): p99 <= 150 ms, 0 errors; overload:"
echo "  only 2xx/429/503, 503 in < 50 ms, RSS bounded, p99 back under target within 10 s"
"$openloop_binary" --port "$port" --token "$token" --pid "$hub_pid" --batch 50 --max-rss-mib 512 \
    --no-errors reads200,nominal,recovery \
    "reads200:200:$rate200_s:0" "nominal:100:$nominal_s:0.2" "overload:1000:$overload_s:0.2" \
    "idle:0:$idle_s:0" "recovery:100:$recovery_s:0.2" || failed=1
curl -sf "$base/metrics" >"$work/metrics.txt"
shed=$(sed -n 's/^tunescout_hub_http_shed_total //p' "$work/metrics.txt")
echo "  requests shed by the hub (tunescout_hub_http_shed_total): $shed"
# The hub's share of a 503's latency, from accepting the connection to writing the answer: the smallest bucket
# bound holding 99 % of them, and how many were written within 50 ms.
awk -v target=0.05 '
    /^tunescout_hub_http_shed_seconds_bucket/ {
        match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); bounds[n] = le; counts[n++] = $2
        if (le == target) within = $2
    }
    /^tunescout_hub_http_shed_seconds_count/ { total = $2 }
    END {
        if (total == 0) { print "  the hub shed nothing, so it has no 503 latency of its own to show"; exit }
        for (i = 0; i < n && counts[i] < 0.99 * total; i++) { }
        printf "  the hub'"'"'s share (tunescout_hub_http_shed_seconds, accept to 503 written): p99 <= %s s; %d of %d within 50 ms\n", bounds[i], within, total
    }' "$work/metrics.txt"
exit $failed
