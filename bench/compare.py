#!/usr/bin/env python3
"""Two builds' benchmark runs side by side, and each measure's ratio (this build over the baseline).

    bench/compare.py --base bench/results/A1.json [A2.json ...] --this bench/results/B1.json [B2.json ...]

Reads the JSON that bench/run.sh writes (simulator passes). Per run: S1, G and its pass, G/S1, the 16-connection
pass (payments/s, p99, CPU per payment of the gateway and PostgreSQL, PostgreSQL transactions per payment), the
paced pass at 0.5*G (its rate and p99), the gateway's own Redis round trips per payment under load and VmHWM after
the G pass. Then the mean of each build and the ratio of the means. bench/ab.sh runs the two builds in turn and
calls this.
"""
import argparse
import json
import statistics
import sys

from report import per_payment, rate


def pass_named(run, name):
    return next(p for p in run["passes"] if p["name"] == name)


def c16(run):
    return pass_named(run, "simulator-pay-c16")


def half(run):
    return pass_named(run, "simulator-pay-half")


# (column, unit, how to read it from a run): the measures issue 18 names, as bench/run.sh records them.
MEASURES = [
    ("S1", "pay/s", lambda r: r["storage"]["S1_payments_per_s"]),
    ("G", "pay/s", lambda r: r["simulator"]["G_payments_per_s"]),
    ("G/S1", "", lambda r: r["simulator"]["G_over_S1"]),
    ("c16", "pay/s", lambda r: rate(c16(r))),
    ("c16 p99", "ms", lambda r: c16(r)["wrk"]["latency_us"]["p99"] / 1000),
    ("gw c16", "us/pay", lambda r: per_payment(c16(r))["gateway"]),
    ("pg c16", "us/pay", lambda r: per_payment(c16(r))["postgres"]),
    ("pg tx c16", "/pay", lambda r: c16(r)["pg_transactions"] / c16(r)["rows"]),
    ("0.5G rate", "pay/s", lambda r: rate(half(r))),
    ("0.5G p99", "ms", lambda r: half(r)["wrk"]["latency_us"]["p99"] / 1000),
    ("redis own", "/pay", lambda r: r["redis_round_trips_under_load"]["gateway_per_payment"]),
    # VmHWM after the G pass, as the RSS target reads it
    ("VmHWM", "MB", lambda r: pass_named(r, r["simulator"]["G_pass"])["hwm_kb"] / 1024),
]


def read(path):
    with open(path) as f:
        run = json.load(f)
    row = []
    for _, _, get in MEASURES:
        try:
            row.append(float(get(run)))
        except (KeyError, TypeError, ZeroDivisionError, StopIteration):
            row.append(float("nan"))
    return row


def fmt(v):
    if v != v:  # NaN: the run lacks the measure
        return "-"
    return f"{v:.0f}" if abs(v) >= 100 else f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", nargs="+", required=True, help="the baseline build's result JSONs")
    ap.add_argument("--this", nargs="+", required=True, dest="this", help="this build's result JSONs")
    args = ap.parse_args()

    header = ["run"] + [f"{name} ({unit})" if unit else name for name, unit, _ in MEASURES]
    lines = [header]
    means = {}
    for label, paths in (("base", args.base), ("this", args.this)):
        rows = [read(p) for p in paths]
        for p, row in zip(paths, rows):
            lines.append([f"{label} {p.rsplit('/', 1)[-1].removesuffix('.json')}"] + [fmt(v) for v in row])
        columns = zip(*rows)
        means[label] = [statistics.fmean(c) if all(v == v for v in c) else float("nan") for c in columns]
        lines.append([f"{label} mean"] + [fmt(v) for v in means[label]])
    ratios = [t / b if b else float("nan") for b, t in zip(means["base"], means["this"])]
    lines.append(["this / base"] + [f"{r:.2f}x" if r == r else "-" for r in ratios])

    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(line, widths))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
