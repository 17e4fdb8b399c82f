#!/usr/bin/env python3
"""When the slow requests of a paced pass happened: bench/lua/timeline.lua's output.

    bench/timeline.py /tmp/tl.txt [--gc GC_LOG --start EPOCH_S]

Prints the percentiles, the requests at or above the p99 grouped into bursts (sent within
--gap ms of each other), and the p99 of each second. With --gc (a log of
-Xlog:gc,safepoint:file=...:utctime, as `jcmd <pid> VM.log output=F what=gc,safepoint
decorators=utctime` writes it) and --start (the wall clock, epoch seconds, when wrk started, as
`date +%s.%N` gives it), each burst also shows the safepoint pauses that began from 100 ms before its first
request until its last one was answered, to tell collector pauses from the rest.
"""
import argparse
import collections
import datetime
import re


def percentile(values, q):
    return values[min(len(values) - 1, int(q * len(values)))]


def gc_pauses(path, start):
    """(seconds after start, pause ms) of each safepoint of the log."""
    pauses = []
    for line in open(path):
        m = re.match(r"\[([^\]]+)\].*Total: (\d+) ns", line)
        if m:
            at = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp() - start
            pauses.append((at, int(m.group(2)) / 1e6))
    return pauses


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("timeline")
    p.add_argument("--gap", type=float, default=100.0, help="ms between two slow sends of one burst")
    p.add_argument("--gc")
    p.add_argument("--start", type=float)
    a = p.parse_args()
    rows = sorted((float(t), float(l), int(s)) for t, l, s in (line.split() for line in open(a.timeline)))
    if not rows:
        raise SystemExit("no requests in " + a.timeline)
    t0 = rows[0][0]
    lat = sorted(r[1] for r in rows)
    bad = sum(1 for r in rows if r[2] != 201)
    secs = (rows[-1][0] - t0) / 1000 or 1
    print("%d requests (%.1f/s), %d not 201; p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f ms" % (
        len(rows), len(rows) / secs, bad, percentile(lat, .5), percentile(lat, .9), percentile(lat, .99),
        percentile(lat, .999), lat[-1]))
    p99 = percentile(lat, .99)
    bursts = []
    for t, l, _ in rows:
        if l < p99:
            continue
        t -= t0
        if bursts and t - bursts[-1][1] < a.gap:
            b = bursts[-1]
            b[1], b[2], b[3] = t, b[2] + 1, max(b[3], l)
        else:
            bursts.append([t, t, 1, l])
    pauses = gc_pauses(a.gc, a.start) if a.gc and a.start else None
    print("%d requests at or above the p99 (%.1f ms), in %d bursts:" % (sum(b[2] for b in bursts), p99, len(bursts)))
    for first, last, n, worst in bursts:
        line = "  sent %8.3f-%8.3f s  %3d requests, worst %.1f ms" % (first / 1000, last / 1000, n, worst)
        if pauses is not None:
            near = ["%.1f ms at %+.0f ms" % (ms, (at * 1000 - first)) for at, ms in pauses
                    if first - 100 <= at * 1000 <= last + worst]
            line += "  pauses: " + (", ".join(near) if near else "none")
        print(line)
    by_second = collections.defaultdict(list)
    for t, l, _ in rows:
        by_second[int((t - t0) / 1000)].append(l)
    print("p99 per second (ms): " + " ".join("%.0f" % percentile(sorted(v), .99) for _, v in sorted(by_second.items())))


if __name__ == "__main__":
    main()
