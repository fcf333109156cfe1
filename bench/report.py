"""Turns one bench/run.sh result file (JSON lines) into BENCHMARKS.md: medians over the runs, against the budgets."""
import json, os, statistics, sys, datetime

section = len(sys.argv) > 1 and sys.argv[1] == "--scale-section"  # bench/scale.sh: only its own rows
paths = sys.argv[2:] if section else sys.argv[1:]  # bench/run.sh's file, then (optionally) bench/scale.sh's
path = " and ".join(f"`{p}`" for p in paths)
rows = [json.loads(line) for p in paths for line in open(p) if line.strip().startswith("{")]
scale = [r for r in rows if r["benchmark"] == "scale_out"]
overhead = [r for r in rows if r["benchmark"] == "probe_overhead_ms"]
throughput = [r for r in rows if r["benchmark"] == "prober_throughput"]
detection = [r for r in rows if r["benchmark"] == "detection_latency_s"]
delivery = [r for r in rows if r["benchmark"] == "delivery_detection_latency_s"]
storage = [r for r in rows if r["benchmark"] == "storage"]
api = [r for r in rows if r["benchmark"] == "api_latency_ms"]
fanout = [r for r in rows if r["benchmark"] == "sse_fanout"]
memory = [r for r in rows if r["benchmark"] == "memory_rss_mib"]
first = [r for r in rows if r["benchmark"] == "first_data_ms"]
bundle = [r for r in rows if r["benchmark"] == "dashboard_js_gzip_bytes"]
hot = [r for r in rows if r["benchmark"] == "hot_path_ns"]
signin = [r for r in rows if r["benchmark"] == "signin_flood_probe_overhead_ms"]
startup = [r for r in rows if r["benchmark"] == "startup_ms"]
# What each published service is (from the startup runs): "native" (NativeAOT), "r2r" (ReadyToRun) or "jit".
kinds = {"native": "NativeAOT", "r2r": "ReadyToRun"}
builds = ", ".join(f"{r['name']} {kinds.get(r['build'], 'JIT')}" for r in startup)
published = f"published builds ({builds})" if builds else "published builds"
med = lambda xs: statistics.median(xs) if xs else float("nan")
cores = os.cpu_count()
mem_gib = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")

if section:
    print("<!-- scale -->")
    print("## Scale-out: PostgreSQL, several Probers (`bench/scale.sh`)\n")
    print(f"Measured on {date}, {cores} cores, {mem_gib} GiB; raw results: {path}.\n")
    print("| measurement | budget | figure | how |")
    print("|---|---|---|---|")
else:
    print("# Benchmarks\n")
    print(f"Measured by `bench/run.sh` on {date}, {cores} cores, {mem_gib} GiB; everything on 127.0.0.1. ")
    print(f"Each figure is the median of {len(overhead)} run(s); raw results: {path}.\n")
    print("| measurement | budget | figure | how |")
    print("|---|---|---|---|")
if overhead:
    print(f"| probe measurement overhead, median | ≤ 2 ms | {med([r['median'] for r in overhead]):.2f} ms "
          f"(p95 {med([r['p95'] for r in overhead]):.2f}, p99 {med([r['p99'] for r in overhead]):.2f}) | "
          f"{overhead[0]['samples']} sequential probes, fresh connection each; reported response time minus the server's own measured {overhead[0]['injected_ms']} ms wait |")
if throughput:
    print(f"| prober throughput, sustained | ≥ 1,000 checks/s | {med([r['checks_per_second'] for r in throughput]):.0f} checks/s, "
          f"{sum(r['failed'] for r in throughput)} failed | real scheduler, GET + WEB for {throughput[0]['accounts']} accounts every 1 s against the Simulator process, {throughput[0]['window_seconds']:.0f} s window after warm-up |")
    print(f"| start jitter, p99 | ≤ 50 ms | {med([r['start_jitter_ms_p99'] for r in throughput]):.0f} ms (max {max(r['start_jitter_ms_max'] for r in throughput):.0f} ms) | "
          f"distance of each probe's start from its scheduled time (accounts are spread evenly over the interval) |")
if detection:
    d = detection[0]
    print(f"| confirmed DOWN alert after the outage starts | ≤ interval + 20 s ({d['budget_s']:.0f} s) | median {d['median']} s, p95 {d['p95']} s, max {d['max']} s | "
          f"{d['trials']} trials with CHECK_INTERVAL={d['interval_s']:.0f} s: every amoCRM endpoint of the Simulator starts answering 503 at a random point of the interval; time until the 🔴 reaches its Mattermost (re-checks at +5 s and +15 s, 3 s grouping) |")
if delivery:
    d = delivery[0]
    print(f"| HOOK and DP: confirmed DOWN alert after deliveries stop | ≤ interval + deadline + 20 s ({d['budget_s']:.1f} s) | median {d['median']} s, p95 {d['p95']} s, max {d['max']} s | "
          f"{d['trials']} trials with CHECK_INTERVAL={d['interval_s']:.0f} s (deadline {d['deadline_s']} s): at a random point of the interval the Simulator stops delivering account and Digital Pipeline webhooks; time until the 🔴 naming each check arrives ({d['samples']} samples) |")
for st in storage:
    print(f"| storage per raw result, {st['accounts']} account(s) x 5 checks, {st['days']} days | ≤ 60 B | {st['health_checks_bytes_per_result']} B in `health_checks` "
          f"(+ {st['rollups_bytes_per_result']} B of rollups = {st['file_bytes_per_result']} B for the whole file) | {st['results']:,} results loaded through the writer's path "
          f"(raw rows + rollups per batch of 500), minute rollups kept 7 days; each table copied alone into a fresh file to size it with its indexes |")
budgets = {"/api/history?hours=24": "p50 ≤ 15 ms", "/api/stats?hours=720": "p50 ≤ 10 ms"}
# Scale-out budgets: one account of 50, the unfiltered forms bounded, stats for all 50.
many = {"/api/history?hours=24&account=account07": "p50 ≤ 15 ms", "/api/history?hours=24": "p50 ≤ 100 ms, ≤ 2 MB",
        "/api/stats?hours=720": "p50 ≤ 50 ms"}
for x in scale:
    print(f"| scale-out: {x['accounts']} accounts x 5 checks on {x['probers']} Probers, PostgreSQL | every check once per {x['interval_s']:.0f} s "
          f"({x['accounts'] * 5 / x['interval_s']:.0f} checks/s) | {x['checks_per_second']} checks/s, start jitter p99 {x['start_jitter_ms_p99']} ms "
          f"(max {x['start_jitter_ms_max']} ms), {x['double_probes']} checks run twice in an interval; accounts per Prober {x['accounts_per_prober']} | "
          f"three Release Prober processes, one PostgreSQL, one Redis, the Simulator, all on the same 2 cores; {x['window_seconds']:.0f} s window after warm-up; "
          f"jitter is each start against the previous start of its check plus the interval |")
    print(f"| scale-out: a Prober killed (-9), its accounts probed again | ≤ 2 intervals ({2 * x['interval_s']:.0f} s) | "
          f"max {x['pickup_s_max']} s, p50 {x['pickup_s_p50']} s ({x['picked_up']} of {x['killed_accounts']} accounts) | "
          f"time from the kill to each of its accounts' first new result |")
    print(f"| scale-out: bytes per result on PostgreSQL | — | {x['pg_bytes_per_result']} B in `health_checks` (+ {x['pg_rollup_bytes_per_result']} B of rollups) | "
          f"`pg_total_relation_size` over {x['pg_results']:,} results (SQLite: see the storage row) |")
# The budgets are for the seed's deployment (one account); the 50-account runs ask for every account at once.
for label in dict.fromkeys(r["label"] for r in api):
    mine = [r for r in api if r["label"] == label]
    for path in dict.fromkeys(r["path"] for r in mine):
        rs = [r for r in mine if r["path"] == path]
        budget = budgets.get(path, '—') if label.startswith("1 account") else many.get(path, '—') if label.startswith("50 accounts,") else '—'
        print(f"| `{path}` ({label}) | {budget} | p50 {med([r['p50'] for r in rs]):.1f} ms, p95 {med([r['p95'] for r in rs]):.1f} ms "
              f"({rs[0]['response_bytes']:,} B) | {rs[0]['requests']} sequential requests over HTTP on loopback to the Release Api, after 5 warm-up; median of {len(rs)} run(s) |")
for f in fanout:
    print(f"| SSE fan-out through the Gateway | {f['clients']:,} clients, p99 ≤ 250 ms | p99 {f['p99']} ms (p50 {f['p50']}, max {f['max']}); "
          f"{f['delivered']:,} of {f['connected'] * f['messages']:,} delivered | {f['connected']:,} streams open through the Gateway; {f['messages']} updates published to Redis 200 ms apart; "
          f"RSS idle {f['rss_idle_mib']} MiB, peak {f['rss_peak_mib']} MiB |")
for g in signin:
    print(f"| probe overhead during a flood of bad sign-ins | + a few ms at most | median {g['quiet_median']} → {g['flood_median']} ms (+{g['added_median']}), "
          f"p95 {g['quiet_p95']} → {g['flood_p95']} ms (+{g['added_p95']}); {g['sign_ins']:,} sign-ins, {g['answered_429']:,} answered 429, {g['answered_failed']} checked and refused | "
          f"{g['clients']} parallel clients post wrong passwords without pause to a Login-mode Gateway on the same 2 cores while {g['samples']} probes measure (as the first row) |")
for m in memory:
    budget = "≤ 150 MB total idle" if m["label"].startswith("idle") else ("≤ 300 MB total at any request" if "API load" in m["label"] else "—")
    per = ", ".join(f"{k} {v}" for k, v in m["median"].items())
    pss = ", ".join(f"{k} {v}" for k, v in m["pss"].items())
    print(f"| memory, {m['label']} | {budget} | RSS total median {m['total_median']} MiB, max {m['total_max']} MiB ({per}); "
          f"PSS total {m['total_pss']} MiB ({pss}) | {published} of the three services (deploy/publish.sh, as install.sh) against the Simulator and a real Redis, sampled every 100 ms for {m['seconds']} s |")
if startup:
    per = ", ".join(f"{r['name']} {r['median']:.0f}" for r in startup)
    worst = ", ".join(f"{r['name']} {r['max']:.0f}" for r in startup)
    print(f"| startup: process start to the first `/health` 200 | ≤ 1 s each | median (ms) {per}; max {worst} | "
          f"{published}, each started {startup[0]['runs']} times alone (the Gateway signing in) with /health polled every {startup[0]['poll_ms']:.0f} ms |")
for f in first:
    print(f"| dashboard: first data on screen | ≤ 1 s on localhost | median {f['median']} ms, p95 {f['p95']} ms, max {f['max']} ms | "
          f"{f['runs']} cold loads (fresh browser context each) in headless Chromium through the Gateway; `performance.now()` when the first card shows a status |")
for b in bundle:
    print(f"| dashboard JavaScript, gzip | ≤ 150 kB | {b['bytes'] / 1000:.1f} kB | `gzip -9` of every script Vite emitted |")
for h in hot:
    print(f"| hot path: `{h['name']}` | — | median {h['median']:,.0f} ns, p95 {h['p95']:,.0f} ns, {h['allocated_bytes']} B allocated | BenchmarkDotNet, in process |")
SCALE_MISSES = """- **One account of 50, 24 hours** (`&account=account07`, budget 15 ms) is missed: 50 ms on SQLite, 28 ms on
  PostgreSQL in the recorded run. One account's minute rollups lie on thousands of pages scattered by write
  order (250 series written minute by minute), and each pooled SQLite connection re-read them into its 2 MB
  cache per request. Since that run the Api maps the file (`PRAGMA mmap_size`, 128 MiB): spot-measured on 1 day
  of 50 accounts the same request went 52 → 25 ms, `/api/stats?hours=24` for all 50 went 90 → 61 ms (the
  monitored span now comes from hours, refined from the minutes of the edge hours only). The rest is merging
  7,200 histograms into 2,400 points; clustering the rollup tables by key (SQLite `WITHOUT ROWID`) is the next step.
- **Scale-out start jitter** (p99 ≈ 0.5 s) is far above the one-Prober 50 ms figure: three Probers, PostgreSQL,
  Redis and the Simulator share 2 cores, and the figure is the gap between consecutive starts of a check minus
  the interval (two starts' errors, not one). No check ran twice; each Prober held a third of the accounts.
- **Bytes per result on PostgreSQL** (~138 B in `health_checks` on 17k rows) are about three times SQLite's:
  a 23-byte tuple header per row, the primary-key index (~20 B per row), the stored `created_at` (8 B, PostgreSQL
  has no virtual generated columns) and pages not yet full. Rollup bytes per result are high early on (few
  results per minute bucket) and fall as buckets fill.
- **Scale-out** figures (bench/scale.sh) share the 2 cores between three Probers, PostgreSQL, Redis and the
  Simulator, so checks/s and jitter there are floors; the many-account API rows use 2 days of data there
  (loading 7 days for 50 accounts through the writer's path takes over half an hour on this machine).
"""
if section:
    print("\n### What misses its budget here, and why\n")
    print(SCALE_MISSES)
    print("<!-- /scale -->")
    sys.exit(0)
print("""
## What misses its budget, and why

- **Memory** (RSS ≤ 150 MB idle for the three services; ≤ 300 MB under load) is missed by about 2.5x. RSS counts
  the shared .NET framework files once per process; PSS, which shares them out, is the machine's real cost and
  is given beside it. Where an Api's ~125 MB goes (from `/proc/PID/smaps` after start): ~58 MB of mapped
  assemblies (framework, EF Core, Kestrel, Redis client), ~20 MB of native libraries (CoreCLR, JIT, SQLite),
  ~28 MB of JIT-compiled code (the W^X double mapping), ~20–30 MB of heap and runtime data. Measured on the Api,
  none of these moved it by more than 5 MB: workstation GC (kept), a 4 MB gen0 budget, a 64 MB heap hard limit,
  GC conserve-memory, tiered compilation off, W^X off, dynamic PGO off (kept: −5 MB). What would move it is
  structural: NativeAOT (the Gateway is the candidate: YARP and minimal APIs; EF Core's is experimental), or
  fewer processes, which the architecture (three services, separately restartable) rules out. The seed's
  Node.js process ran under a 500 MB cap; the units here cap each service at 500 MB.
- **`/api/history?hours=24`** is at the budget's edge (p50 ≈ 15 ms): it reads 7,200 minute rollups (5 checks ×
  1,440 minutes) and returns 2,400 points (~580 kB of JSON). Reading the rows with a plain command instead of
  EF entities (−40 %), skipping the histogram when the bucket's p95 is its maximum, and sorting in memory
  instead of `ORDER BY` brought it from 38 ms; the rest is reading the rows and writing the JSON.
- **50 accounts** in one request (no `account` filter): each series gets its share of about 6,000 points, read
  from the coarsest rollup level that fits, so the unfiltered 24-hour history is bounded in size whatever the
  number of accounts; `&account=NAME` keeps one account's full detail. Rollups there are 47 B per result while
  every minute rollup is still kept, falling towards ~11 B once minute rollups age out.
""")
print("Throughput offers exactly 1,000 checks/s (500 accounts x GET + WEB, one request each) and counts what finishes;")
print("HOOK and DP are bounded by amoCRM's delivery time and the per-account request budget, not by the Prober.")
print("The Prober and the Simulator share the same 2 cores during the throughput run, so the figure is a floor.")
print("When every account started at the tick at once (before the schedule was spread), 1,000 fresh connections in")
print("the same instant made 5–10 % of the checks time out at 900 ms on this machine; spreading removed that.")
