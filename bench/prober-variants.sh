#!/usr/bin/env bash
# Publishes the Prober in several forms (JIT, ReadyToRun, self-contained, composite, trimmed) and measures each
# idle at the seed's load, as bench/run.sh starts it: one account against the Simulator, a 30 s interval, a
# real Redis. Per variant: time from process start to the first /health 200 (a fresh database, then two
# restarts on it), RSS/PSS/private memory from /proc/PID/smaps_rollup after 30 s and after 3 min, and the
# 3-minute smaps grouped by what is mapped (assemblies, native libraries, JIT code, heap).
# Usage: bench/prober-variants.sh [--quick] [variant ...]     (--quick: 10 s and 40 s instead of 30 s and 3 min)
# Writes bench/results/<UTC time>-prober-variants.json. Publishes go to a temporary folder, not the repo.
set -euo pipefail
cd "$(dirname "$0")/.."

idle=30; long=180
if [ "${1:-}" = "--quick" ]; then idle=10; long=40; shift; fi

# name | publish arguments (empty: reuse the previous variant's output) | environment for the run
variants=(
  "jit|-p:PublishReadyToRun=false|"
  "r2r|-r linux-x64 --self-contained false -p:PublishReadyToRun=true|"
  "r2r-sc|-r linux-x64 --self-contained true -p:PublishReadyToRun=true|"
  "r2r-composite-sc|-r linux-x64 --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true|"
  "r2r-sc-trimmed|-r linux-x64 --self-contained true -p:PublishReadyToRun=true -p:PublishTrimmed=true|"
  "r2r-tc-off|@r2r|DOTNET_TieredCompilation=0"
  "r2r-tc-bg0|@r2r|DOTNET_TC_BackgroundWorkerTimeoutMs=0"
  "r2r-no-callcount|@r2r|DOTNET_TC_CallCounting=0"
  "r2r-gen0-4m|@r2r|DOTNET_GCgen0size=0x400000"
  "r2r-nonconc-gc|@r2r|DOTNET_gcConcurrent=0"
  "r2r-conserve|@r2r|DOTNET_GCConserveMemory=9"
  "r2r-wx-off|@r2r|DOTNET_EnableWriteXorExecute=0"
)
wanted=("$@")

root=$(mktemp -d /tmp/prober-variants.XXXXXX)
pids=()
hosting=$PWD/artifacts/bin/AmoHealth.Hosting/release/AmoHealth.Hosting.dll
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  dotnet "$hosting" stop --dir "$root/stack" >/dev/null 2>&1 || true
  wait 2>/dev/null || true; rm -rf "$root"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export Logging__LogLevel__Default=Warning

dotnet publish src/AmoHealth.Simulator -c Release -o "$root/simulator" -v q -nologo >/dev/null
sim_port=$(free_port)
Simulator__MedianLatencyMs=0 Simulator__DeliveryMedianLatencyMs=0 \
Simulator__RateLimit__PerTokenPerSecond=10000 Simulator__RateLimit__PerAccountPerSecond=100000 \
Simulator__AccessTokens__0=bench Simulator__MattermostHooks__0=demo ASPNETCORE_URLS="http://127.0.0.1:$sim_port" \
  dotnet "$root/simulator/AmoHealth.Simulator.dll" --contentRoot "$root/simulator" >/dev/null 2>&1 &
pids+=($!)
dotnet build src/AmoHealth.Hosting -c Release -v q -nologo >/dev/null
# Redis as the AppHost starts it (src/AmoHealth.Hosting), answering when this returns; it stops with this script.
ports=$(dotnet "$hosting" start --dir "$root/stack" --owner $$ --redis) || { echo "variants: Redis did not start" >&2; exit 1; }
eval "$ports"; redis_port=$REDIS_PORT
for _ in $(seq 1 100); do curl -sf -o /dev/null -H 'Authorization: Bearer bench' "http://127.0.0.1:$sim_port/api/v4/account" && break; sleep 0.2; done

out=bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-prober-variants.json
: > "$out"
for spec in "${variants[@]}"; do
  IFS='|' read -r name publish environment <<< "$spec"
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " =~ " $name " ]]; then continue; fi
  if [[ "$publish" == @* ]]; then
    dir="$root/${publish#@}"
    [ -d "$dir" ] || { dotnet publish src/AmoHealth.Prober -c Release -o "$dir" -v q -nologo \
      $(printf '%s\n' "${variants[@]}" | grep "^${publish#@}|" | cut -d'|' -f2) >/dev/null; }
  else
    dir="$root/$name"
    # shellcheck disable=SC2086 # the arguments are words
    if ! dotnet publish src/AmoHealth.Prober -c Release -o "$dir" -v q -nologo $publish > "$root/$name.publish.log" 2>&1; then
      echo "{\"variant\":\"$name\",\"publish\":\"$publish\",\"failed\":$(grep -cE 'warning|error' "$root/$name.publish.log"),\"first\":$(grep -m1 -E 'error' "$root/$name.publish.log" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read().strip()[-300:]))')}" | tee -a "$out"
      continue
    fi
  fi
  python3 bench/prober_variant.py --name "$name" --dir "$dir" --env="$environment" --publish="$publish" \
    --simulator "http://127.0.0.1:$sim_port" --redis "127.0.0.1:$redis_port" --work "$root" --idle "$idle" --long "$long" 2>&1 | tee -a "$out" || true
done
echo "results: $out"
