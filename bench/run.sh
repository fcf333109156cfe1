#!/usr/bin/env bash
# Publishes the Prober, the Api and the Gateway as production runs them (deploy/publish.sh, the same command as
# deploy/install.sh: NativeAOT or ReadyToRun where a project says so) into artifacts/publish/bench (reused while the
# sources are unchanged), builds the bench and the Simulator in Release, starts what each benchmark needs on
# 127.0.0.1 (Simulator, redis-server, the published services), measures (memory and startup of the published
# programs among the rest), stops everything it started, and writes bench/results/<date>.json plus the table in
# BENCHMARKS.md.
# Usage: bench/run.sh [--quick]     (--quick: fewer samples, shorter windows, one run: about 4 minutes after the publish)
set -euo pipefail
trap 'status="${PIPESTATUS[*]}"; echo "bench: stopped, line $LINENO failed (exit status $status): $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/.."

quick=false
[ "${1:-}" = "--quick" ] && quick=true
samples=300; seconds=20; runs=3; trials=6; days=30; requests=100; many_days=7; clients=1000; messages=20; warm=60; idle=20; first=10
if $quick; then samples=100; seconds=8; runs=1; trials=2; days=30; requests=30; many_days=0; clients=1000; messages=10; warm=25; idle=5; first=5; fi

published=$PWD/artifacts/publish/bench
deploy/publish.sh "$published"
for project in bench/AmoHealth.Bench src/AmoHealth.Simulator src/AmoHealth.Hosting; do
  dotnet build "$project" -c Release -v q -nologo >/dev/null
done
bench=$PWD/artifacts/bin/AmoHealth.Bench/release/AmoHealth.Bench.dll
simulator=$PWD/artifacts/bin/AmoHealth.Simulator/release/AmoHealth.Simulator.dll
hosting=$PWD/artifacts/bin/AmoHealth.Hosting/release/AmoHealth.Hosting.dll
# The published programs, started directly in their own folder as the systemd units do.
api=$published/api/AmoHealth.Api
gateway=$published/gateway/AmoHealth.Gateway
prober=$published/prober/AmoHealth.Prober
migrator=$published/migrator/AmoHealth.Migrator
# Where a framework-dependent build's apphost finds the runtime (the units set the same).
export DOTNET_ROOT=${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  dotnet "$hosting" stop --dir "$work/stack" >/dev/null 2>&1 || true
  wait 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 100); do curl -sf -o /dev/null "$@" && return 0; sleep 0.2; done; echo "not answering: $*" >&2; return 1; }
export Logging__LogLevel__Default=Warning

# --- Prober: overhead, throughput and jitter, detection (against the Simulator) ---
sim_port=$(free_port)
Simulator__MedianLatencyMs=0 Simulator__DeliveryMedianLatencyMs=0 \
Simulator__RateLimit__PerTokenPerSecond=10000 Simulator__RateLimit__PerAccountPerSecond=100000 \
Simulator__AccessTokens__0=bench Simulator__MattermostHooks__0=demo ASPNETCORE_URLS="http://127.0.0.1:$sim_port" \
  dotnet "$simulator" --contentRoot "$(dirname "$simulator")" >/dev/null 2>&1 &
pids+=($!)
wait_http -H 'Authorization: Bearer bench' "http://127.0.0.1:$sim_port/api/v4/account"

out=bench/results/$(date -u +%Y-%m-%dT%H%M%SZ).json
: > "$out"
for run in $(seq 1 $runs); do
  dotnet "$bench" overhead --samples "$samples" | tee -a "$out"
  dotnet "$bench" throughput --simulator "http://127.0.0.1:$sim_port" --token bench --accounts 500 --seconds "$seconds" | tee -a "$out"
done
dotnet "$bench" detection --simulator "http://127.0.0.1:$sim_port" --token bench --trials "$trials" --interval-ms 10000 | tee -a "$out"
dotnet "$bench" detection --simulator "http://127.0.0.1:$sim_port" --token bench --trials "$trials" --interval-ms 5000 --mode delivery | tee -a "$out"

# --- Storage and API latencies on 30 days of results ---
start_gateway() { # api port, prober port; sets gateway_port and gateway_pid
  gateway_port=$(free_port)
  # Content root: the published folder, whose wwwroot holds the dashboard.
  # Development on loopback: the one place a Gateway runs without a sign-in.
  services__api__http__0="http://127.0.0.1:$1" services__prober__http__0="http://127.0.0.1:$2" PORT="$gateway_port" ASPNETCORE_ENVIRONMENT=Development \
    "$gateway" --contentRoot "$(dirname "$gateway")" >/dev/null 2>&1 &
  gateway_pid=$!; pids+=($gateway_pid)
  wait_http "http://127.0.0.1:$gateway_port/health"
}
start_api() { # db, redis (or empty), port
  # The fan-out's 1,000 streams all come from one address through the Gateway: the per-client stream limit is
  # raised to its maximum (1,000), which is also the most clients the fan-out may open.
  Storage__Path="$1" ConnectionStrings__redis="$2" Stream__HeartbeatSeconds=1 ASPNETCORE_URLS="http://127.0.0.1:$3" \
    Api__Limits__StreamsPerClient=1000 \
    "$api" --contentRoot "$(dirname "$api")" >/dev/null 2>&1 &
  api_pid=$!; pids+=($api_pid)
  wait_http "http://127.0.0.1:$3/health"
}
dotnet "$bench" storage --db "$work/seed.db" --accounts 1 --days "$days" | tee -a "$out"
api_port=$(free_port); start_api "$work/seed.db" "" "$api_port"
for run in $(seq 1 $runs); do
  dotnet "$bench" api --api "http://127.0.0.1:$api_port" --requests "$requests" --label "1 account, $days days" | tee -a "$out"
done
kill "$api_pid"

if [ "$many_days" -gt 0 ]; then
  dotnet "$bench" storage --db "$work/many.db" --accounts 50 --days "$many_days" | tee -a "$out"
  api_port=$(free_port); start_api "$work/many.db" "" "$api_port"
  dotnet "$bench" api --api "http://127.0.0.1:$api_port" --requests "$requests" --label "50 accounts, $many_days days" | tee -a "$out"
  kill "$api_pid"
fi

# --- SSE fan-out through the Gateway, fed by a real Redis ---
# Redis as the AppHost starts it (src/AmoHealth.Hosting), answering when this returns; it stops with this script.
ports=$(dotnet "$hosting" start --dir "$work/stack" --owner $$ --redis) || { echo "bench: Redis did not start" >&2; exit 1; }
eval "$ports"; redis_port=$REDIS_PORT
api_port=$(free_port); start_api "$work/seed.db" "127.0.0.1:$redis_port" "$api_port"
start_gateway "$api_port" 1
sleep 2
dotnet "$bench" fanout --gateway "http://127.0.0.1:$gateway_port" --redis "127.0.0.1:$redis_port" --clients "$clients" --messages "$messages" \
  --pids "api:$api_pid,gateway:$gateway_pid" | tee -a "$out"

kill "$api_pid" "$gateway_pid" 2>/dev/null || true

# --- A flood of bad sign-ins (50 parallel clients) against a Login-mode Gateway while a probe measures ---
signin_port=$(free_port)
signin_hash=$(echo "bench-$RANDOM-password" | "$gateway" hash-password)
Auth__Mode=Login Auth__User=admin Auth__PasswordHash="$signin_hash" Auth__KeysDirectory="$work/keys" PORT="$signin_port" \
  ASPNETCORE_ENVIRONMENT=Development services__api__http__0=http://127.0.0.1:1 services__prober__http__0=http://127.0.0.1:1 \
  "$gateway" --contentRoot "$(dirname "$gateway")" >/dev/null 2>&1 &
signin_pid=$!; pids+=($signin_pid)
wait_http "http://127.0.0.1:$signin_port/health"
dotnet "$bench" signin --gateway "http://127.0.0.1:$signin_port" --clients 50 --samples $($quick && echo 100 || echo 300) | tee -a "$out"
kill "$signin_pid" 2>/dev/null || true

# --- Memory of Prober + Api + Gateway, and the dashboard in Chromium, on the whole stack ---
start_stack() { # db, accounts: the three services against the Simulator at the seed's 30 s interval
  local accounts=() i
  for i in $(seq 1 $(($2 - 1))); do
    accounts+=("Monitor__Accounts__${i}__Name=account$i" "Monitor__Accounts__${i}__Domain=http://127.0.0.1:$sim_port" "Monitor__Accounts__${i}__AccessToken=bench")
  done
  prober_port=$(free_port); api_port=$(free_port)
  # The migrate step first, as systemd runs it before the Prober (amohealth-migrate).
  (cd "$(dirname "$prober")" && Storage__Path="$1" "$migrator" >/dev/null)
  env "${accounts[@]}" AMOCRM_DOMAIN="http://127.0.0.1:$sim_port" AMOCRM_ACCESS_TOKEN=bench CHECK_INTERVAL=30000 Storage__Path="$1" \
    ConnectionStrings__redis="127.0.0.1:$redis_port" ASPNETCORE_URLS="http://127.0.0.1:$prober_port" \
    "$prober" --contentRoot "$(dirname "$prober")" >/dev/null 2>&1 &
  prober_pid=$!; pids+=($prober_pid)
  wait_http "http://127.0.0.1:$prober_port/health"
  start_api "$1" "127.0.0.1:$redis_port" "$api_port"
  start_gateway "$api_port" "$prober_port"
  stack_pids="prober:$prober_pid,api:$api_pid,gateway:$gateway_pid"
}
stop_stack() { kill "$prober_pid" "$api_pid" "$gateway_pid" 2>/dev/null || true; wait "$prober_pid" "$api_pid" "$gateway_pid" 2>/dev/null || true; }

start_stack "$work/seed.db" 1
sleep "$warm"
dotnet "$bench" memory --pids "$stack_pids" --seconds "$idle" --label "idle, seed load (1 account, 30 s)" | tee -a "$out"
dotnet "$bench" memory --pids "$stack_pids" --seconds $((requests / 2 + 10)) --label "under API load, 30 days of data" > "$work/memory-load.json" &
memory_job=$!
dotnet "$bench" api --api "http://127.0.0.1:$gateway_port" --requests "$requests" --label "through the Gateway (memory run)" > /dev/null
wait "$memory_job"; tee -a "$out" < "$work/memory-load.json"
dotnet "$bench" firstdata --gateway "http://127.0.0.1:$gateway_port" --runs "$first" | tee -a "$out"
stop_stack

# --- Startup of each published service: process start -> first /health 200, 5 starts each ---
# Each as in the stack above (the Gateway signing in, as in production), the others stopped; /health polled every 5 ms.
startup_port=$(free_port)
AMOCRM_DOMAIN="http://127.0.0.1:$sim_port" AMOCRM_ACCESS_TOKEN=bench CHECK_INTERVAL=30000 Storage__Path="$work/seed.db" \
  ConnectionStrings__redis="127.0.0.1:$redis_port" ASPNETCORE_URLS="http://127.0.0.1:$startup_port" \
  dotnet "$bench" startup --name prober --exe "$prober" --url "http://127.0.0.1:$startup_port/health" | tee -a "$out"
Storage__Path="$work/seed.db" ConnectionStrings__redis="127.0.0.1:$redis_port" ASPNETCORE_URLS="http://127.0.0.1:$startup_port" \
  dotnet "$bench" startup --name api --exe "$api" --url "http://127.0.0.1:$startup_port/health" | tee -a "$out"
Auth__Mode=Login Auth__User=admin Auth__PasswordHash="$signin_hash" Auth__KeysDirectory="$work/keys" PORT="$startup_port" \
  ASPNETCORE_ENVIRONMENT=Development services__api__http__0=http://127.0.0.1:1 services__prober__http__0=http://127.0.0.1:1 \
  dotnet "$bench" startup --name gateway --exe "$gateway" --url "http://127.0.0.1:$startup_port/health" | tee -a "$out"

if ! $quick; then
  start_stack "$work/fifty.db" 50
  sleep "$warm"
  dotnet "$bench" memory --pids "$stack_pids" --seconds "$idle" --label "50 accounts, 30 s" | tee -a "$out"
  stop_stack
fi

# --- Dashboard bundle and in-process hot paths ---
js_gzip=0
for file in "$published"/gateway/wwwroot/assets/*.js; do js_gzip=$((js_gzip + $(gzip -9 -c "$file" | wc -c))); done
echo "{\"benchmark\":\"dashboard_js_gzip_bytes\",\"bytes\":$js_gzip}" | tee -a "$out"
dotnet "$bench" hotpaths --iterations $($quick && echo 3 || echo 10) | grep '^{' | tee -a "$out"

python3 bench/report.py "$out" > BENCHMARKS.md.new
# The scale-out section (bench/scale.sh) is kept, from its latest results.
scale=$(ls -t bench/results/*-scale.json 2>/dev/null | head -1 || true)
if [ -n "$scale" ]; then echo >> BENCHMARKS.md.new; python3 bench/report.py --scale-section "$scale" >> BENCHMARKS.md.new; fi
mv BENCHMARKS.md.new BENCHMARKS.md
echo "results: $out; table: BENCHMARKS.md"
