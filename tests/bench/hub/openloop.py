#!/usr/bin/env python3
"""Open-loop HTTP load on tunescout-hub over loopback, for T20 (RELIABILITY.md §4.5).

wrk keeps a fixed number of connections busy (closed loop), so it cannot offer a constant rate, and a stalled
server slows it down instead of piling requests up (coordinated omission). This sends each request at its
scheduled time on a connection of its own, whatever happened to the ones before, and measures its latency from
that scheduled time. Phases are NAME:RATE:SECONDS:POST_SHARE; rate 0 is an idle pause. A request is a GET of
/api/v1/household/week or, with probability POST_SHARE, a sync batch of --batch new plays.

Prints per phase the answers by status, connection errors, p50/p99 latency, the p99 of the 503 answers (also
counted from when the request actually went out) and how late the generator itself was, and the hub's RSS (from /proc) after each phase. Exits 1 when an answer has a
status other than 2xx, 429 or 503, when a phase named in --no-errors had connection errors or timeouts, or when
the RSS went over --max-rss-mib.
"""

import argparse
import asyncio
import json
import random
import sys
import time
import uuid

TIMEOUT_S = 10


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def sync_body(batch, now_ms):
    # Played a month ago: new plays every time, but the household's week (what the GETs read) stays the same
    # size, so the phases compare.
    month_ago_ms = now_ms - 30 * 24 * 3600 * 1000
    items = [{"id": str(uuid.uuid4()), "kind": "play",
              "payload": {"track_name": f"Open loop {i}", "played_at_ms": month_ago_ms - 1000 * i}}
             for i in range(batch)]
    return json.dumps({"items": items}, separators=(",", ":")).encode()


class Phase:
    def __init__(self, spec):
        name, rate, seconds, post_share = spec.split(":")
        self.name, self.rate, self.seconds, self.post_share = name, float(rate), float(seconds), float(post_share)
        self.statuses = {}
        self.errors = {}
        self.latencies = []
        self.latencies_503 = []
        self.latencies_503_from_send = []
        self.lag = []


async def one_request(port, token, request_bytes, scheduled, phase):
    sent = time.monotonic()
    phase.lag.append(sent - scheduled)
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), TIMEOUT_S)
        writer.write(request_bytes)
        answer = await asyncio.wait_for(reader.read(), TIMEOUT_S)  # the hub closes after Connection: close
        status_line = answer.split(b"\r\n", 1)[0].split(b" ")
        if len(status_line) < 2 or not status_line[1].isdigit():
            phase.errors["incomplete answer"] = phase.errors.get("incomplete answer", 0) + 1
            return
        status = int(status_line[1])
        latency_ms = (time.monotonic() - scheduled) * 1000
        phase.statuses[status] = phase.statuses.get(status, 0) + 1
        phase.latencies.append(latency_ms)
        if status == 503:
            phase.latencies_503.append(latency_ms)
            phase.latencies_503_from_send.append((time.monotonic() - sent) * 1000)
    except asyncio.TimeoutError:
        phase.errors["timeout"] = phase.errors.get("timeout", 0) + 1
    except OSError as error:
        kind = type(error).__name__
        phase.errors[kind] = phase.errors.get(kind, 0) + 1
    finally:
        if writer is not None:
            writer.close()


def request_bytes(token, post, batch):
    head = f"Host: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer {token}\r\n"
    if not post:
        return f"GET /api/v1/household/week HTTP/1.1\r\n{head}\r\n".encode()
    body = sync_body(batch, int(time.time() * 1000))
    return (f"POST /api/v1/sync HTTP/1.1\r\n{head}Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


async def run_phase(port, token, batch, phase):
    start = time.monotonic()
    if phase.rate <= 0:
        await asyncio.sleep(phase.seconds)
        return
    tasks = []
    count = int(phase.rate * phase.seconds)
    for i in range(count):
        scheduled = start + i / phase.rate
        delay = scheduled - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        data = request_bytes(token, random.random() < phase.post_share, batch)
        tasks.append(asyncio.create_task(one_request(port, token, data, scheduled, phase)))
    await asyncio.gather(*tasks)


def report(phase, rss):
    sent = sum(phase.statuses.values()) + sum(phase.errors.values())
    statuses = " ".join(f"{status}:{count}" for status, count in sorted(phase.statuses.items())) or "-"
    errors = " ".join(f"{kind}:{count}" for kind, count in sorted(phase.errors.items())) or "none"
    if phase.rate <= 0:
        print(f"  {phase.name:<9} idle {phase.seconds:.0f} s; hub RSS {rss:.1f} MiB")
        return
    print(f"  {phase.name:<9} {phase.rate:.0f} req/s for {phase.seconds:.0f} s ({phase.post_share:.0%} sync "
          f"batches): {sent} sent; status {statuses}; connection errors {errors}")
    print(f"  {'':<9} p50 {percentile(phase.latencies, 0.5):.1f} ms, p99 {percentile(phase.latencies, 0.99):.1f} ms; "
          f"p99 of the 503s {percentile(phase.latencies_503, 0.99):.1f} ms "
          f"({percentile(phase.latencies_503_from_send, 0.99):.1f} ms from sending); generator late by p99 "
          f"{percentile(phase.lag, 0.99) * 1000:.1f} ms; hub RSS {rss:.1f} MiB")


async def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--pid", type=int, required=True, help="the hub's process id, for its RSS")
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--max-rss-mib", type=float, default=512)
    parser.add_argument("--no-errors", default="", help="comma-separated phases that must have no connection errors")
    parser.add_argument("phases", nargs="+", help="NAME:RATE:SECONDS:POST_SHARE")
    args = parser.parse_args()
    must_be_clean = set(filter(None, args.no_errors.split(",")))

    failures = []
    print(f"  before    hub RSS {rss_mib(args.pid):.1f} MiB")
    for spec in args.phases:
        phase = Phase(spec)
        await run_phase(args.port, args.token, args.batch, phase)
        rss = rss_mib(args.pid)
        report(phase, rss)
        unexpected = {s: n for s, n in phase.statuses.items() if not (200 <= s < 300 or s in (429, 503))}
        if unexpected:
            failures.append(f"{phase.name}: answers with unexpected statuses {unexpected}")
        if phase.name in must_be_clean and phase.errors:
            failures.append(f"{phase.name}: connection errors {phase.errors}")
        if rss > args.max_rss_mib:
            failures.append(f"{phase.name}: hub RSS {rss:.1f} MiB is over {args.max_rss_mib:.0f} MiB")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
