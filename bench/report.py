#!/usr/bin/env python3
"""Turns the raw measurements of bench/run.sh into the table and the results JSON.

  report.py line PASSES.jsonl          one line for the last pass
  report.py half PASSES.jsonl LABEL    0.5*G for the label's passes (payments/s, integer)
  report.py final WORKDIR OUT.json     the table, the targets and the JSON file
"""
import collections
import json
import os
import sys

P99_LIMIT_US = 50_000
STEAL_WARN_PCT = 5.0


def load_lines(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def measured_s(p):
    return p["wrk"]["measured_ms"] / 1000.0


def payments(p):
    c = p["wrk"]["counts"]
    if p["script"] == "mixed.lua":
        return c.get("payment_authorized", 0)
    return c.get("payments_201", 0)


def unexpected(p):
    """Responses that were not the expected 2xx, plus socket errors."""
    c = p["wrk"]["counts"]
    bad = sum(v for k, v in c.items() if k.startswith("status_"))
    e = p["wrk"]["errors"]
    return bad + e["connect"] + e["read"] + e["write"] + e["timeout"]


def rate(p):
    return payments(p) / measured_s(p)


def requests_rate(p):
    return sum(v for k, v in p["wrk"]["counts"].items() if not k.startswith("status_")) / measured_s(p)


def qualifies(p):
    return unexpected(p) == 0 and p["wrk"]["latency_us"]["p99"] <= P99_LIMIT_US


def correct(p):
    ok = p["rows"] == payments(p) and p["duplicate_keys"] == 0
    if p["script"] == "mixed.lua":
        ok = ok and p["refund_rows"] == p["wrk"]["counts"].get("refund_created", 0)
    return ok


def gateway_g(passes, label):
    """(G pass, whether it met the criteria): the fastest qualifying unpaced payment pass."""
    cands = [p for p in passes if p["name"].startswith(label + "-pay-c")]
    ok = [p for p in cands if qualifies(p)]
    if ok:
        return max(ok, key=rate), True
    if cands:
        return max(cands, key=rate), False
    return None, False


def per_payment(p):
    n = max(payments(p), 1)
    return {k: round(v / n) for k, v in p["cpu_us"].items()}


def thread_split(before, after, clk_tck):
    """{"group": [user_us, system_us]} over a pass, largest first, from two thread_ticks readings (bench/run.sh)
    subtracted thread by thread: a group whose thread ended in between does not go negative."""
    def read(path):
        with open(path) as f:
            rows = [row.rstrip("\n").split("\t") for row in f]
        return {tid: (group, int(user), int(system)) for tid, group, user, system in rows}
    first = read(before)
    us = 1000000 / int(clk_tck)
    split = collections.defaultdict(lambda: [0, 0])
    for tid, (group, user, system) in read(after).items():
        _, user0, system0 = first.get(tid, (group, 0, 0))
        split[group][0] += round((user - user0) * us)
        split[group][1] += round((system - system0) * us)
    busy = sorted(((g, v) for g, v in split.items() if v[0] + v[1] > 0), key=lambda kv: -sum(kv[1]))
    print(json.dumps(dict(busy)))


def threads_per_payment(p):
    """The gateway's CPU per payment by thread group, [user, system] microseconds, largest first."""
    n = max(payments(p), 1)
    return {k: [round(u / n), round(st / n)] for k, (u, st) in p.get("gateway_threads_us", {}).items()
            if (u + st) / n >= 1}


def ms(us):
    return round(us / 1000.0, 2)


def line(path):
    p = load_lines(path)[-1]
    lat = p["wrk"]["latency_us"]
    cpu = per_payment(p)
    provider = f" provider {cpu['provider']}" if cpu.get("provider") else ""
    print(f"  {p['name']:<24} {rate(p):8.1f} pay/s  p50 {ms(lat['p50']):7.2f}  p90 {ms(lat['p90']):7.2f}"
          f"  p99 {ms(lat['p99']):7.2f} ms  unexpected {unexpected(p)}  rows {p['rows']}/{payments(p)}"
          f"  cpu us/pay gw {cpu['gateway']} pg {cpu['postgres']} (all {cpu['postgres_all']}) redis {cpu['redis']} wrk {cpu['wrk']}{provider}"
          f"  pg tx/pay {p['pg_transactions'] / max(payments(p), 1):.2f}"
          f"  pg stmt/pay {p.get('pg_statements', 0) / max(payments(p), 1):.2f}"
          f"  redis cmd/pay {p['redis_commands'] / max(payments(p), 1):.2f}"
          f"  load {p['load1']}  steal {p.get('steal_pct', '?')}%")


def half(path, label):
    g, _ = gateway_g(load_lines(path), label)
    print(max(1, int(rate(g) / 2)) if g else 1)


def summarise(passes, label, s, s16=None):
    g, met = gateway_g(passes, label)
    if g is None:
        return None
    h = next((p for p in passes if p["name"] == label + "-pay-half"), None)
    out = {
        "G_payments_per_s": round(rate(g), 1),
        "G_meets_criteria": met,
        "G_pass": g["name"],
        "G_over_S": round(rate(g) / s, 3) if s else None,
        "G_over_S1": round(rate(g) / s, 3) if s else None,
        "G_over_S16": round(rate(g) / s16, 3) if s16 else None,
        "at_G": {k: ms(g["wrk"]["latency_us"][k]) for k in ("p50", "p90", "p99")},
        "cpu_us_per_payment_at_G": per_payment(g),
        "gateway_threads_us_per_payment_at_G": threads_per_payment(g),
        "pg_transactions_per_payment": round(g["pg_transactions"] / max(payments(g), 1), 2),
        "pg_statements_per_payment": round(g.get("pg_statements", 0) / max(payments(g), 1), 2),
        "rss_mb_after_G": round(g["rss_kb"] / 1024, 1),
        "redis_commands_per_payment": round(g["redis_commands"] / max(payments(g), 1), 2),
        "redis_commands_at_G": g["redis_breakdown"],
    }
    if h:
        out["half_G"] = {
            "target_per_s": h["target_rate"],
            "achieved_per_s": round(rate(h), 1),
            **{k: ms(h["wrk"]["latency_us"][k]) for k in ("p50", "p90", "p99")},
            "unexpected": unexpected(h),
        }
    return out


def final(work, out_path):
    pre = json.load(open(os.path.join(work, "preflight.json")))
    storage = load_lines(os.path.join(work, "storage.json"))
    redis = json.load(open(os.path.join(work, "redis.json")))
    gw = json.load(open(os.path.join(work, "gateway.json")))
    passes = load_lines(os.path.join(work, "passes.jsonl"))
    s = max((r["payments_per_s"] for r in storage), default=0)
    s16_path = os.path.join(work, "storage16.json")
    storage16 = load_lines(s16_path) if os.path.exists(s16_path) else []
    s16 = max((r["payments_per_s"] for r in storage16), default=0)
    sim = summarise(passes, "simulator", s, s16)
    stripe = summarise(passes, "stripe", s, s16)
    skipped = os.path.exists(os.path.join(work, "stripe-skipped"))
    correctness = all(correct(p) for p in passes)

    def monitored(name):
        """A MONITOR count of the run (None when it did not run) and its round trips per payment."""
        path = os.path.join(work, name)
        counted = json.load(open(path)) if os.path.exists(path) else None
        per = round(counted["round_trips"] / counted["payments"], 2) if counted and counted["payments"] else None
        if per is not None and "gateway_round_trips" in counted:
            counted["gateway_per_payment"] = round(counted["gateway_round_trips"] / counted["payments"], 2)
        return counted, per

    monitor, round_trips = monitored("redis-monitor.json")
    loaded, loaded_round_trips = monitored("redis-monitor-loaded.json")

    targets = []

    def target(name, value, ok):
        targets.append({"target": name, "value": value, "holds": ok})

    if sim:
        target("G >= S1 (simulator)", sim["G_over_S1"], sim["G_over_S1"] is not None and sim["G_over_S1"] >= 1.0)
        target("stretch: G >= 1.5 S1 (simulator)", sim["G_over_S1"], sim["G_over_S1"] is not None and sim["G_over_S1"] >= 1.5)
        if "half_G" in sim:
            target("p99 <= 20 ms at 0.5*G (simulator)", sim["half_G"]["p99"], sim["half_G"]["p99"] <= 20)
        target("<= 2 PG transactions per payment", sim["pg_transactions_per_payment"],
               sim["pg_transactions_per_payment"] <= 2.05)
    target("<= 3 Redis round trips per payment (MONITOR)", round_trips,
           None if round_trips is None else round_trips <= 3)
    target("<= 3 Redis round trips per payment under load (MONITOR, 16 connections)", loaded_round_trips,
           None if loaded_round_trips is None else loaded_round_trips <= 3)
    gateway_loaded = (loaded or {}).get("gateway_per_payment")
    target("1 Redis round trip of the gateway's own per payment under load (issue 18; the simulator's not counted)",
           gateway_loaded, None if gateway_loaded is None else gateway_loaded <= 1.0)
    if stripe:
        target("G/S >= 0.6 (Stripe sandbox)", stripe["G_over_S"], stripe["G_over_S"] is not None and stripe["G_over_S"] >= 0.6)
    else:
        target("G/S >= 0.6 (Stripe sandbox)", "not run: stripe connector not available in this build" if skipped
               else "not run", None)
    by_name = {p["name"]: p for p in passes}
    for label, summ in (("simulator", sim), ("Stripe sandbox", stripe)):
        if summ:
            hwm = by_name[summ["G_pass"]]["hwm_kb"]
            target(f"RSS < 300 MB at G ({label}; VmHWM after the G pass)", round(hwm / 1024, 1), hwm < 300 * 1024)
    target("start-up to ready < 2 s (idle machine)", gw["startup_ms"] / 1000.0, gw["startup_ms"] < 2000)
    target("correctness: rows == 2xx, no duplicate keys", correctness, correctness)

    result = {
        "preflight": pre,
        "storage": {"S_payments_per_s": round(s, 1), "S1_payments_per_s": round(s, 1),
                    "S16_payments_per_s": round(s16, 1), "pgbench": storage, "pgbench16": storage16, "redis": redis},
        "redis_round_trips": dict(monitor or {}, per_payment=round_trips),
        "redis_round_trips_under_load": dict(loaded or {}, per_payment=loaded_round_trips),
        "gateway": gw,
        "simulator": sim,
        "stripe": stripe if stripe else ("stripe connector not available in this build" if skipped else None),
        "passes": passes,
        "correctness_ok": correctness,
        "targets": targets,
    }
    with open(out_path, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")

    print("\n== Results (%s, %d cores, load %s at start, %s at end)" % (
        pre["started"], pre["cores"], " ".join(map(str, pre["load_start"])), " ".join(map(str, gw["load_end"]))))
    for r in storage:
        c = r.get("cpu_us_per_payment", {})
        print(f"  pgbench {r['clients']} clients: {r['payments_per_s']:.1f} payments/s, CPU per payment: "
              f"PostgreSQL (all) {c.get('postgres_all', '?')} us, pgbench {c.get('pgbench', '?')} us")
    for r in storage16:
        c = r.get("cpu_us_per_payment", {})
        print(f"  pgbench {r['clients']} clients, 16 payments per transaction pair: {r['payments_per_s']:.1f} payments/s, "
              f"CPU per payment: PostgreSQL (all) {c.get('postgres_all', '?')} us, pgbench {c.get('pgbench', '?')} us")
    print(f"S16 = {s16:.1f} payments/s (sixteen payments per transaction pair)")
    print(f"Storage ceiling S1: {s:.1f} payments/s (pgbench, best of 8/16 clients); "
          f"Redis SET NX EX {redis['set_nx_ex_ops_per_s']} ops/s, EVALSHA {redis['evalsha_ops_per_s']} ops/s")
    hdr = (f"{'pass':<24}{'pay/s':>9}{'req/s':>9}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'unexp':>7}"
           f"{'rows ok':>8}{'gw us':>8}{'pg us':>8}{'pg all':>8}{'rd us':>7}{'wrk us':>8}{'prov us':>8}{'pg tx':>7}{'pg st':>7}{'rd cmd':>7}{'load':>6}{'steal%':>7}")
    print(hdr)
    print("-" * len(hdr))
    for p in passes:
        lat = p["wrk"]["latency_us"]
        cpu = per_payment(p)
        n = max(payments(p), 1)
        print(f"{p['name']:<24}{rate(p):9.1f}{requests_rate(p):9.1f}{ms(lat['p50']):9.2f}{ms(lat['p90']):9.2f}"
              f"{ms(lat['p99']):9.2f}{unexpected(p):7d}{'yes' if correct(p) else 'NO':>8}{cpu['gateway']:8d}"
              f"{cpu['postgres']:8d}{cpu['postgres_all']:8d}{cpu['redis']:7d}{cpu['wrk']:8d}{cpu.get('provider', 0):8d}{p['pg_transactions'] / n:7.2f}{p.get('pg_statements', 0) / n:7.2f}"
              f"{p['redis_commands'] / n:7.2f}{p['load1']:>6}{p.get('steal_pct', 0):7.1f}")
    print("(cpu: microseconds of CPU per payment; pg = the run's backends + WAL writer/checkpointer/bgwriter,"
          " pg all = every PostgreSQL process incl. autovacuum (and other users' backends, if any);"
          " prov = the Stripe emulator's own JVM (0 on the simulator, which runs in the gateway);"
          " steal% = CPU the hypervisor gave other guests during the pass, of both cores;"
          " pg tx per payment; rd cmd = Redis commands per payment from INFO commandstats, including those the"
          " rate-limit script runs inside Redis)")
    for label, summ in (("simulator", sim), ("stripe", stripe)):
        if not summ:
            continue
        print(f"\n{label}: G = {summ['G_payments_per_s']} payments/s ({summ['G_pass']}"
              f"{'' if summ['G_meets_criteria'] else ', NO pass met p99 <= 50 ms with zero errors: best shown'}),"
              f" G/S1 = {summ['G_over_S1']}, G/S16 = {summ['G_over_S16']}; PG statements/transactions per payment"
              f" {summ['pg_statements_per_payment']}/{summ['pg_transactions_per_payment']}; RSS {summ['rss_mb_after_G']} MB;"
              f" CPU us per payment at G: {summ['cpu_us_per_payment_at_G']}; at G p50/p90/p99 = {summ['at_G']['p50']}/{summ['at_G']['p90']}/"
              f"{summ['at_G']['p99']} ms")
        if summ.get("gateway_threads_us_per_payment_at_G"):
            split = ", ".join(f"{k} {u}+{st}" for k, (u, st) in summ["gateway_threads_us_per_payment_at_G"].items())
            print(f"  gateway CPU us per payment at G by thread (user+system): {split}")
        if "half_G" in summ:
            h = summ["half_G"]
            print(f"  at 0.5*G: target {h['target_per_s']}/s, achieved {h['achieved_per_s']}/s, p50/p90/p99 = "
                  f"{h['p50']}/{h['p90']}/{h['p99']} ms")
    if skipped:
        print("\nstripe connector not available in this build")
    if monitor:
        print(f"\nRedis round trips per payment: {round_trips} ({monitor['by_command']} over {monitor['payments']} "
              f"payments made one at a time; {monitor['inside_scripts']} commands ran inside scripts)"
              + (f"; the gateway's own {monitor['gateway_per_payment']}" if "gateway_per_payment" in monitor else ""))
    if loaded:
        print(f"Redis round trips per payment under load: {loaded_round_trips} ({loaded['by_command']} over "
              f"{loaded['payments']} payments at 16 connections)"
              + (f"; the gateway's own {loaded['gateway_per_payment']}" if "gateway_per_payment" in loaded else ""))
    # aot_cache: "trained", "existing" or "none" (a boolean in runs before the trained cache)
    kind = gw.get("aot_cache")
    aot = f" with the AOT cache ({kind})" if kind not in (None, False, "none") else ""
    plain = f" ({gw['startup_without_aot_ms']} ms without it)" if gw.get("startup_without_aot_ms") else ""
    print(f"\ngateway: ready in {gw['startup_ms']} ms{aot}{plain}, VmRSS {gw['rss_kb'] // 1024} MB, VmHWM {gw['hwm_kb'] // 1024} MB"
          f" ({gw['java_opts']})")
    # A shared machine: the hypervisor's steal and a CPU probe at the start and the end say whether
    # the machine kept its speed; figures of a run that did not are low and not comparable.
    stolen = [(f"pgbench {r['clients']} clients", r["steal_pct"]) for r in storage if r.get("steal_pct", 0) >= STEAL_WARN_PCT]
    stolen += [(p["name"], p["steal_pct"]) for p in passes if p.get("steal_pct", 0) >= STEAL_WARN_PCT]
    for name, pct in stolen:
        print(f"WARNING: the hypervisor took {pct}% of the CPU during {name}: its figures are low")
    p0, p1 = pre.get("cpu_probe_k_per_s"), gw.get("cpu_probe_end_k_per_s")
    if p0 and p1:
        print(f"cpu probe (k SHA-256/s, one core): {p0} at the start, {p1} at the end")
        if min(p0, p1) < 0.8 * max(p0, p1):
            print("WARNING: the machine's speed changed by more than 20 % during the run: ratios against other runs are unreliable")
    print("\nTargets:")
    for t in targets:
        mark = {True: "holds", False: "MISSED", None: "-"}[t["holds"]]
        print(f"  {mark:<7} {t['target']}: {t['value']}")
    print(f"\nJSON: {out_path}")


def main():
    mode = sys.argv[1]
    if mode == "line":
        line(sys.argv[2])
    elif mode == "threads":
        thread_split(sys.argv[2], sys.argv[3], sys.argv[4])
    elif mode == "half":
        half(sys.argv[2], sys.argv[3])
    elif mode == "final":
        final(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit("unknown mode " + mode)


if __name__ == "__main__":
    main()
