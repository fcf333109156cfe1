#!/usr/bin/env bash
# Scale-out on PostgreSQL: 500 accounts x 5 checks on three Prober processes sharing one PostgreSQL and one Redis,
# against the Simulator (checks/s, start jitter, double probes, time to take over a killed Prober's accounts,
# bytes per result), then history and stats latency for 50 accounts on PostgreSQL beside SQLite. Starts a
# private PostgreSQL and Redis as the AppHost and the tests do (src/AmoHealth.Hosting); writes
# bench/results/<time>-scale.json and regenerates BENCHMARKS.md with the latest bench/run.sh results.
# Usage: bench/scale.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
[ "${1:-}" = "--quick" ] && quick=true
accounts=500; warm=75; seconds=90; many_days=2; requests=50
if $quick; then accounts=200; warm=45; seconds=45; many_days=2; requests=20; fi

for project in bench/AmoHealth.Bench src/AmoHealth.Hosting src/AmoHealth.Simulator src/AmoHealth.Prober \
    src/AmoHealth.Migrator src/AmoHealth.Api; do
  dotnet build "$project" -c Release -v q -nologo -p:SkipSpaBuild=true >/dev/null
done
bench=$PWD/artifacts/bin/AmoHealth.Bench/release/AmoHealth.Bench.dll
simulator=$PWD/artifacts/bin/AmoHealth.Simulator/release/AmoHealth.Simulator.dll
prober=$PWD/artifacts/bin/AmoHealth.Prober/release/AmoHealth.Prober.dll
migrator=$PWD/artifacts/bin/AmoHealth.Migrator/release/AmoHealth.Migrator.dll
api=$PWD/artifacts/bin/AmoHealth.Api/release/AmoHealth.Api.dll
hosting=$PWD/artifacts/bin/AmoHealth.Hosting/release/AmoHealth.Hosting.dll

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  dotnet "$hosting" stop --dir "$work/stack" >/dev/null 2>&1 || true
  wait 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 150); do curl -sf -o /dev/null "$@" && return 0; sleep 0.2; done; echo "not answering: $*" >&2; return 1; }
export Logging__LogLevel__Default=Warning

# PostgreSQL and Redis as the AppHost starts them, answering when this returns; they stop with this script.
ports=$(dotnet "$hosting" start --dir "$work/stack" --owner $$ --redis --postgres \
  --postgres-setting max_connections=300) || { echo "scale: the stack did not start" >&2; exit 1; }
eval "$ports"
pg() { echo "Host=127.0.0.1;Port=$POSTGRES_PORT;Username=amohealth;Database=$1;Maximum Pool Size=20"; }
redis_port=$REDIS_PORT
sim_port=$(free_port)
Simulator__MedianLatencyMs=0 Simulator__DeliveryMedianLatencyMs=0 \
Simulator__RateLimit__PerTokenPerSecond=10000 Simulator__RateLimit__PerAccountPerSecond=100000 \
Simulator__AccessTokens__0=bench Simulator__MattermostHooks__0=demo ASPNETCORE_URLS="http://127.0.0.1:$sim_port" \
  dotnet "$simulator" --contentRoot "$(dirname "$simulator")" >/dev/null 2>&1 &
pids+=($!)
wait_http -H 'Authorization: Bearer bench' "http://127.0.0.1:$sim_port/api/v4/account"

out=bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-scale.json
: > "$out"

# --- Three Probers, one PostgreSQL, the seed's 30 s interval (HOOK and DP in API mode: no PUBLIC_URL) ---
list=()
for i in $(seq 1 $((accounts - 1))); do
  list+=("Monitor__Accounts__${i}__Name=acc$i" "Monitor__Accounts__${i}__Domain=http://127.0.0.1:$sim_port" "Monitor__Accounts__${i}__AccessToken=bench")
done
probers=()
# The migrate step first, as systemd runs it before each Prober (amohealth-migrate).
Storage__Provider=postgres ConnectionStrings__amohealth="$(pg scale)" dotnet "$migrator" >/dev/null
for n in 1 2 3; do
  env "${list[@]}" AMOCRM_DOMAIN="http://127.0.0.1:$sim_port" AMOCRM_ACCESS_TOKEN=bench Monitor__Account=acc0 CHECK_INTERVAL=30000 \
    Storage__Provider=postgres ConnectionStrings__amohealth="$(pg scale)" ConnectionStrings__redis="127.0.0.1:$redis_port" \
    ASPNETCORE_URLS="http://127.0.0.1:$(free_port)" dotnet "$prober" --contentRoot "$(dirname "$prober")" >"$work/prober$n.log" 2>&1 &
  probers+=($!); pids+=($!)
done
dotnet "$bench" scale --pg "$(pg scale)" --accounts "$accounts" --probers 3 --interval-ms 30000 --warm "$warm" --seconds "$seconds" \
  --kill-pid "${probers[2]}" | tee -a "$out"
kill "${probers[@]}" 2>/dev/null || true

# --- History and stats for 50 accounts: SQLite beside PostgreSQL (the same data, copied by copy-from-sqlite) ---
dotnet "$bench" storage --db "$work/many.db" --accounts 50 --days "$many_days" | tee -a "$out"
ConnectionStrings__amohealth="$(pg many)" dotnet "$migrator" copy-from-sqlite "$work/many.db" >/dev/null
for provider in sqlite postgres; do
  port=$(free_port)
  Storage__Provider=$provider Storage__Path="$work/many.db" ConnectionStrings__amohealth="$(pg many)" ASPNETCORE_URLS="http://127.0.0.1:$port" \
    dotnet "$api" --contentRoot "$(dirname "$api")" >/dev/null 2>&1 &
  api_pid=$!; pids+=($api_pid)
  wait_http "http://127.0.0.1:$port/health"
  dotnet "$bench" api --api "http://127.0.0.1:$port" --requests "$requests" --account account07 \
    --label "50 accounts, $many_days days, $([ $provider = sqlite ] && echo SQLite || echo PostgreSQL)" | tee -a "$out"
  kill "$api_pid"
done

# Only this script's section of BENCHMARKS.md is replaced (bench/run.sh rewrites the rest, keeping this section).
python3 bench/report.py --scale-section "$out" > "$work/section.md"
python3 - "$work/section.md" <<'PY'
import re, sys
section = open(sys.argv[1]).read().strip()
text = open("BENCHMARKS.md").read()
if "<!-- scale -->" in text:
    text = re.sub(r"<!-- scale -->.*?<!-- /scale -->", lambda _: section, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + section
open("BENCHMARKS.md", "w").write(text.rstrip() + "\n")
PY
echo "results: $out; table: BENCHMARKS.md (scale-out section)"
