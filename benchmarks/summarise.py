#!/usr/bin/env python3
"""Turns one run.sh result directory into markdown tables: the measurements, then logshipper / each peer."""
import glob
import json
import os
import sys

R = sys.argv[1]
LS = ["logshipperCore", "logshipperLogback", "logshipperLog4j2"]
PEERS = ["dw", "log4j2KafkaSync", "log4j2KafkaAsync", "logbackAsync", "log4j2AsyncLogger", "disabled"]
NAMES = {
    "logshipperCore": "logshipper core `LogShipper.log(String)`",
    "logshipperLogback": "logshipper Logback appender",
    "logshipperLog4j2": "logshipper Log4j2 appender",
    "dw": "danielwegener 0.2.0-RC2 (own JVM: Logback 1.2.13, kafka-clients 1.0.0)",
    "log4j2KafkaSync": "Log4j2 `Kafka` syncSend=true (default)",
    "log4j2KafkaAsync": "Log4j2 `Kafka` syncSend=false",
    "logbackAsync": "baseline: Logback AsyncAppender(neverBlock) → no-op",
    "log4j2AsyncLogger": "baseline: Log4j2 all-async loggers → Null",
    "disabled": "baseline: logging disabled",
}
SHORT = {"logshipperCore": "core", "logshipperLogback": "ls-logback", "logshipperLog4j2": "ls-log4j2",
         "dw": "DW", "log4j2KafkaSync": "L4J2 sync", "log4j2KafkaAsync": "L4J2 async",
         "logbackAsync": "Logback async", "log4j2AsyncLogger": "Log4j2 async", "disabled": "disabled"}


def fmt_ns(v):
    if v is None:
        return "—"
    if v >= 1e9:
        return "%.2f s" % (v / 1e9)
    if v >= 1e6:
        return "%.2f ms" % (v / 1e6)
    if v >= 1e4:
        return "%.1f µs" % (v / 1e3)
    if v >= 1e3:
        return "%.2f µs" % (v / 1e3)
    return "%.0f ns" % v


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    r = a / b
    if r < 0.01:
        return "1/{:,.0f}".format(1 / r) if r > 0 else "0"
    if r >= 100:
        return "%.0f×" % r
    if r >= 10:
        return "%.1f×" % r
    return "%.2f×" % r


out = []
p = out.append

# ---------------------------------------------------------------- scenario 1
caller = {}
for f in sorted(glob.glob(os.path.join(R, "caller*-t*.json"))):
    try:
        data = json.load(open(f))
    except Exception:
        continue
    for b in data:
        impl = b["params"]["impl"]
        t = b["threads"]
        pm = b["primaryMetric"]
        pc = pm.get("scorePercentiles", {})
        sec = b.get("secondaryMetrics", {})
        alloc = (sec.get("gc.alloc.rate.norm") or sec.get("·gc.alloc.rate.norm") or {}).get("score")
        gcc = (sec.get("gc.count") or {}).get("score")
        gct = (sec.get("gc.time") or {}).get("score")
        caller[(impl, t)] = dict(mean=pm["score"], p50=pc.get("50.0"), p99=pc.get("99.0"), p999=pc.get("99.9"),
                                 alloc=alloc, gc="—" if gcc is None else "%.0f / %.0f ms" % (gcc, gct or 0))

p("## Scenario 1: caller cost per log call, broker up\n")
p("JMH sample mode (mean and percentiles of single calls; the mean includes ~20 ns of timer overhead), `-prof gc`.\n")
p("| set-up | threads | mean | p50 | p99 | p99.9 | bytes allocated / call | GCs / GC time in the measurement |")
p("|---|---|---|---|---|---|---|---|")
for impl in LS + PEERS:
    for t in (1, 2):
        c = caller.get((impl, t))
        if c:
            p("| %s | %d | %s | %s | %s | %s | %s | %s |" % (NAMES[impl], t, fmt_ns(c["mean"]), fmt_ns(c["p50"]),
                                                         fmt_ns(c["p99"]), fmt_ns(c["p999"]),
                                                         "—" if c["alloc"] is None else "%.0f" % c["alloc"], c["gc"]))
p("")
for metric, label in (("mean", "mean time per call"), ("p50", "median time per call"), ("p999", "p99.9 time per call")):
    p("Ratio of %s, logshipper ÷ peer (below 1 = logshipper costs the caller less), 1 thread · 2 threads:\n" % label)
    p("| logshipper ÷ | " + " | ".join(SHORT[x] for x in PEERS) + " |")
    p("|---|" + "---|" * len(PEERS))
    for impl in LS:
        cells = []
        for peer in PEERS:
            parts = []
            for t in (1, 2):
                a, b = caller.get((impl, t)), caller.get((peer, t))
                parts.append(ratio(a and a[metric], b and b[metric]))
            cells.append(" · ".join(parts))
        p("| %s | %s |" % (SHORT[impl], " | ".join(cells)))
    p("")

# ---------------------------------------------------------------- results.jsonl
rows = []
for line in open(os.path.join(R, "results.jsonl")):
    line = line.strip()
    if line.startswith("{"):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            pass
stats = {r["topic"]: r for r in rows if r["kind"] == "topicstats"}

# ---------------------------------------------------------------- scenario 2
def gc_pause(impl, variant):
    """The longest stop-the-world pause in the -Xlog:gc file of one outage run, in ns."""
    import re
    f = os.path.join(R, "gc-outage-%s-%s.log" % (impl, variant))
    if not os.path.exists(f):
        return None
    longest = None
    for line in open(f, errors="replace"):
        m = re.search(r"Pause.* ([0-9.]+)ms$", line.strip())
        if m:
            v = float(m.group(1)) * 1e6
            longest = v if longest is None else max(longest, v)
    return longest


outage = {(r["impl"], r["variant"]): r for r in rows if r["kind"] == "outage"}
p("## Scenario 2: caller cost with the broker unreachable (127.0.0.1:1) and stopped mid-run\n")
p("Every call timed on the calling thread (1 thread). A call still blocked when the run is cut is counted as "
  "`blocked > N s`.\n")
p("| set-up | broker | calls | p50 | p99 | p99.9 | longest wait | longest GC pause in that JVM |")
p("|---|---|---|---|---|---|---|---|")
for impl in LS + PEERS:
    for v in ("unreachable", "stopped"):
        r = outage.get((impl, v))
        if not r:
            continue
        longest = fmt_ns(r["max_ns"])
        gcmax = gc_pause(impl, v)
        if r["blocked_threads_at_cut"]:
            longest = "blocked > %.0f s (still waiting when cut)" % (r["blocked_at_cut_ns"] / 1e9)
        p("| %s | %s | %d | %s | %s | %s | %s | %s |" % (NAMES[impl], v, r["calls"], fmt_ns(r["p50_ns"]),
                                                       fmt_ns(r["p99_ns"]), fmt_ns(r["p999_ns"]), longest,
                                                       fmt_ns(gcmax)))
p("")
p("Ratio of the longest wait, logshipper ÷ peer (unreachable · stopped; below 1 = logshipper waits less):\n")
KPEERS = ["dw", "log4j2KafkaSync", "log4j2KafkaAsync", "logbackAsync", "log4j2AsyncLogger"]
p("| logshipper ÷ | " + " | ".join(SHORT[x] for x in KPEERS) + " |")
p("|---|" + "---|" * len(KPEERS))
for impl in LS:
    cells = []
    for peer in KPEERS:
        parts = []
        for v in ("unreachable", "stopped"):
            a, b = outage.get((impl, v)), outage.get((peer, v))
            parts.append(ratio(a and a["max_ns"], b and b["max_ns"]))
        cells.append(" · ".join(parts))
    p("| %s | %s |" % (SHORT[impl], " | ".join(cells)))
p("")

# ---------------------------------------------------------------- scenario 3
e2e = {}
for r in rows:
    if r["kind"] == "e2e":
        s = stats.get(r["topic"], {})
        delivered = s.get("entries")
        r["delivered"] = delivered
        r["records"] = s.get("records")
        r["disk_bytes"] = s.get("disk_bytes")
        r["eps"] = delivered / r["elapsed_seconds"] if delivered is not None else None
        r["bpe"] = s["disk_bytes"] / delivered if delivered else None
        e2e[(r["impl"], r["threads"])] = r
ceiling = next((r for r in rows if r["kind"] == "ceiling"), None)
cstats = next((r for r in rows if r["kind"] == "topicstats" and r.get("ceiling")), None)
p("## Scenario 3: end to end, entries delivered per second and bytes per entry\n")
p("Each thread logs as fast as it can for the run's seconds; then the logging system is stopped (each appender "
  "flushes within its own close) and the topic is read back. *delivered/s* = entries read back ÷ time from the "
  "first call until the stop returned. *bytes/entry* = the topic's size on the broker (Admin describeLogDirs) ÷ "
  "entries read back.\n")
p("| set-up | threads | calls returned | entries read back | not delivered (logshipper: dropped at the full buffer, counted and reported in-band) | records | delivered/s | bytes/entry |")
p("|---|---|---|---|---|---|---|---|")
for impl in LS + PEERS:
    for t in (1, 2):
        r = e2e.get((impl, t))
        if not r:
            continue
        lost = "—"
        if r["delivered"] is not None and r["calls"]:
            lost = "%.1f %%" % (100.0 * max(0, r["calls"] - r["delivered"]) / r["calls"])
        p("| %s | %d | %d | %s | %s | %s | %s | %s |" % (
            NAMES[impl], t, r["calls"], r["delivered"], lost, r["records"],
            "—" if r["eps"] is None else "{:,.0f}".format(r["eps"]),
            "—" if r["bpe"] is None else "%.1f" % r["bpe"]))
if ceiling:
    bpe = "—"
    if cstats and cstats.get("records"):
        bpe = "%.1f" % (cstats["disk_bytes"] / cstats["records"])
    p("| ceiling: Kafka ProducerPerformance, 90-byte records, acks=all | 1 | %d | %s | — | %s | %s | %s |" % (
        ceiling["records"], cstats and cstats.get("records"), cstats and cstats.get("records"),
        "{:,.0f}".format(ceiling["records_per_sec"]), bpe))
p("")
EPEERS = ["dw", "log4j2KafkaSync", "log4j2KafkaAsync"]
for metric, label in (("eps", "delivered entries per second"), ("bpe", "bytes per entry")):
    p("Ratio of %s, logshipper ÷ peer, 1 thread · 2 threads:\n" % label)
    p("| logshipper ÷ | " + " | ".join(SHORT[x] for x in EPEERS) + " |")
    p("|---|" + "---|" * len(EPEERS))
    for impl in LS:
        cells = []
        for peer in EPEERS:
            parts = []
            for t in (1, 2):
                a, b = e2e.get((impl, t)), e2e.get((peer, t))
                parts.append(ratio(a and a[metric], b and b[metric]))
            cells.append(" · ".join(parts))
        p("| %s | %s |" % (SHORT[impl], " | ".join(cells)))
    p("")
if ceiling:
    p("Delivered entries per second ÷ the ceiling's records per second (logshipper packs many entries into one "
      "record, so it can pass the one-record-per-entry ceiling), 1 thread · 2 threads: " + ", ".join(
        "%s %s · %s" % (SHORT[i], ratio(e2e.get((i, 1), {}).get("eps"), ceiling["records_per_sec"]),
                        ratio(e2e.get((i, 2), {}).get("eps"), ceiling["records_per_sec"]))
        for i in LS + EPEERS) + "\n")

# ---------------------------------------------------------------- scenario 4
p("## Scenario 4: heap retained during an outage\n")
p("Broker unreachable, `maxBufferedBytes` = cap, 1 thread logging as fast as it can; used heap after "
  "`System.gc()` before and after.\n")
p("| set-up | seconds | calls | accepted | cap | retained heap | retained ÷ cap |")
p("|---|---|---|---|---|---|---|")
for r in rows:
    if r["kind"] == "memory":
        acc = ""
        for part in r.get("stats", "").replace("]", "").split(", "):
            if "accepted=" in part:
                acc = part.split("accepted=")[1]
        p("| %s | %.0f | %d | %s | %.1f MiB | %.1f MiB | %.2f |" % (
            NAMES[r["impl"]], r["seconds"], r["calls"], acc, r["cap_bytes"] / 2**20, r["retained_bytes"] / 2**20,
            r["retained_bytes"] / r["cap_bytes"]))
p("")
# ---------------------------------------------------------------- efficiency (issue 15)
eff = [r for r in rows if r["kind"] == "efficiency"]
if eff:
    tstats = {r["topic"]: r for r in rows if r["kind"] == "topicstats"}
    for r in eff:
        if r["door"] == "dw":
            st = tstats.get(r.get("topic"), {})
            r["delivered"] = st.get("records", 0)
            r["dropped"] = max(0, r["calls"] - r["delivered"])
            r["disk_bytes"] = st.get("disk_bytes", 0)
            r["bytes_per_entry"] = r["disk_bytes"] / r["delivered"] if r["delivered"] else -1
            r["cpu_ns_per_delivered"] = r["cpu_seconds"] * 1e9 / r["delivered"] if r["delivered"] else -1
            r["settings"] = "{}"
    p("## Efficiency: max lossless rate (realistic corpus, text)\n")
    p("Highest offered rate of the series (DW from 5k, the others from 25k, doubling to 1.6M entries/s) that the "
      "logging threads achieved (at least 95 %) and at which nothing was dropped (DW: at which its caller's p99 stayed "
      "under 10 µs), with the caller's p99 and the rate achieved at that rate.\n")
    p("| set-up | tuning | threads | max lossless offered rate | achieved | caller p99 | rate that failed |")
    p("|---|---|---|---|---|---|---|")
    series = {}
    for r in eff:
        if r.get("series") == "lossless":
            series.setdefault((r["door"], r.get("settings", "{}"), r["threads"]), []).append(r)
    for (door, tune, t), rs in sorted(series.items()):
        ok = [r for r in rs if (r["p99_ns"] < 10000 if door == "dw" else r["dropped"] == 0)
              and r["achieved_per_sec"] >= 0.95 * r["offered_per_sec"]]
        bad = [r for r in rs if r not in ok]
        best = max(ok, key=lambda r: r["offered_per_sec"]) if ok else None
        p("| %s | %s | %d | %s | %s | %s | %s |" % (door, tune, t,
            "{:,}".format(best["offered_per_sec"]) if best else "none",
            "{:,}".format(best["achieved_per_sec"]) if best else "—", fmt_ns(best["p99_ns"]) if best else "—",
            "{:,}".format(bad[0]["offered_per_sec"]) if bad else "—"))
    p("")
    p("## Efficiency: CPU per delivered entry and bytes on the wire, 100,000 entries/s offered, 1 thread\n")
    p("| set-up | format | achieved/s | delivered | dropped | process CPU s | CPU per delivered entry | bytes/entry on the broker |")
    p("|---|---|---|---|---|---|---|---|")
    for r in eff:
        if r.get("series") == "cpu":
            p("| %s | %s | {:,} | {:,} | {:,} | %.2f | %s | %.1f |".format(r["achieved_per_sec"], r["delivered"], r["dropped"]) % (
                r["door"], r["format"], r["cpu_seconds"], fmt_ns(r["cpu_ns_per_delivered"]), r["bytes_per_entry"]))
    p("")
print("\n".join(out))
