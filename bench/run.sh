#!/usr/bin/env bash
# Builds in Release, runs the Prober benchmarks on 127.0.0.1 (starting and stopping the Simulator it needs),
# and writes bench/results/<date>.json plus the table in BENCHMARKS.md.
# Usage: bench/run.sh [--quick]     (--quick: fewer samples, shorter windows and 2 detection trials: about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
[ "${1:-}" = "--quick" ] && quick=true
samples=300; seconds=20; runs=3; trials=6
if $quick; then samples=100; seconds=8; runs=1; trials=2; fi

dotnet build bench/AmoHealth.Bench -c Release -v q -nologo >/dev/null
dotnet build src/AmoHealth.Simulator -c Release -v q -nologo >/dev/null
bench=artifacts/bin/AmoHealth.Bench/release/AmoHealth.Bench.dll
simulator=artifacts/bin/AmoHealth.Simulator/release/AmoHealth.Simulator.dll

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
Simulator__MedianLatencyMs=0 Simulator__DeliveryMedianLatencyMs=0 \
Simulator__RateLimit__PerTokenPerSecond=10000 Simulator__RateLimit__PerAccountPerSecond=100000 \
Simulator__AccessTokens__0=bench Simulator__MattermostHooks__0=demo Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$port" \
  dotnet "$simulator" >/dev/null 2>&1 &
sim_pid=$!
trap 'kill $sim_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -sf -o /dev/null -H 'Authorization: Bearer bench' "http://127.0.0.1:$port/api/v4/account" && break
  sleep 0.2
done

out=bench/results/$(date -u +%Y-%m-%dT%H%M%SZ).json
: > "$out"
for run in $(seq 1 $runs); do
  dotnet "$bench" overhead --samples "$samples" | tee -a "$out"
  dotnet "$bench" throughput --simulator "http://127.0.0.1:$port" --token bench --accounts 500 --seconds "$seconds" | tee -a "$out"
done

dotnet "$bench" detection --simulator "http://127.0.0.1:$port" --token bench --trials "$trials" --interval-ms 10000 | tee -a "$out"

python3 bench/report.py "$out" > BENCHMARKS.md.new
mv BENCHMARKS.md.new BENCHMARKS.md
echo "results: $out; table: BENCHMARKS.md"
