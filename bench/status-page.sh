#!/usr/bin/env bash
# A crowd at the public status page: the whole stack (Simulator, Redis, Prober, Api, Gateway in Login mode) behind
# the shipped Nginx site (rendered by src/AmoHealth.Hosting as install.sh renders it, with its status-page cache),
# then AmoHealth.Bench statuspage drives --rate requests/s at /status/<page> for --seconds over HTTPS at a fixed
# rate and records the rate achieved, p50/p95/p99, errors, the share of X-Cache-Status hits and the CPU time of the
# Api, the Gateway and the Nginx worker during the run. Release builds (JIT) of the services. Writes
# bench/results/<time>-status-page.json; the figures go into BENCHMARKS.md ("Status page through Nginx").
# Usage: bench/status-page.sh [--rate 1000] [--seconds 30] [--page demo]
set -euo pipefail
trap 'echo "status-page: stopped, line $LINENO failed: $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/.."

rate=1000; seconds=30; page=demo
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --page) page=$2; shift 2 ;;
    *) echo "usage: bench/status-page.sh [--rate RPS] [--seconds S] [--page SLUG]" >&2; exit 2 ;;
  esac
done
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "status-page: nginx is not installed" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

for project in bench/AmoHealth.Bench src/AmoHealth.Hosting src/AmoHealth.Simulator src/AmoHealth.Prober \
    src/AmoHealth.Migrator src/AmoHealth.Api src/AmoHealth.Gateway; do
  dotnet build "$project" -c Release -v q -nologo -p:SkipSpaBuild=true >/dev/null
done
bin=$PWD/artifacts/bin
bench=$bin/AmoHealth.Bench/release/AmoHealth.Bench.dll
hosting=$bin/AmoHealth.Hosting/release/AmoHealth.Hosting.dll

work=$(mktemp -d)
# Nginx's workers (nobody, when this runs as root) write the cache and temporary files under it.
chmod 755 "$work"
pids=()
cleanup() {
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  dotnet "$hosting" stop --dir "$work/stack" >/dev/null 2>&1 || true
  wait 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Up to a minute each: the services start while the machine may be busy building.
wait_http() { for _ in $(seq 1 300); do curl -skf -m 2 -o /dev/null "$@" && return 0; sleep 0.2; done; echo "not answering: $*" >&2; tail -n 20 "$work"/*.log "$work"/nginx/logs/*.log >&2; curl -sk -m 5 -D - -o /dev/null "$@" >&2; return 1; }
export Logging__LogLevel__Default=Warning

ports=$(dotnet "$hosting" start --dir "$work/stack" --owner $$ --redis) || { echo "status-page: Redis did not start" >&2; exit 1; }
eval "$ports"
sim_port=$(free_port); prober_port=$(free_port); api_port=$(free_port); gateway_port=$(free_port)
Simulator__AccessTokens__0=bench Simulator__MattermostHooks__0=demo ASPNETCORE_URLS="http://127.0.0.1:$sim_port" \
  dotnet "$bin/AmoHealth.Simulator/release/AmoHealth.Simulator.dll" \
  --contentRoot "$bin/AmoHealth.Simulator/release" >/dev/null 2>&1 &
pids+=($!)
wait_http -H 'Authorization: Bearer bench' "http://127.0.0.1:$sim_port/api/v4/account"

db=$work/status.db
Storage__Path="$db" dotnet "$bin/AmoHealth.Migrator/release/AmoHealth.Migrator.dll" >/dev/null
Storage__Path="$db" ConnectionStrings__redis="127.0.0.1:$REDIS_PORT" AMOCRM_DOMAIN="http://127.0.0.1:$sim_port" \
  AMOCRM_ACCESS_TOKEN=bench Monitor__Account=demo CHECK_INTERVAL=30000 ASPNETCORE_URLS="http://127.0.0.1:$prober_port" \
  dotnet "$bin/AmoHealth.Prober/release/AmoHealth.Prober.dll" \
  --contentRoot "$bin/AmoHealth.Prober/release" >"$work/prober.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$prober_port/health"
# The demo account's public page, as the AppHost's demo publishes it.
env Storage__Path="$db" ConnectionStrings__redis="127.0.0.1:$REDIS_PORT" ASPNETCORE_URLS="http://127.0.0.1:$api_port" \
  "StatusPages__${page}__Account=demo" services__prober__http__0="http://127.0.0.1:$prober_port" \
  dotnet "$bin/AmoHealth.Api/release/AmoHealth.Api.dll" \
  --contentRoot "$bin/AmoHealth.Api/release" >"$work/api.log" 2>&1 &
api_pid=$!; pids+=($api_pid)
wait_http "http://127.0.0.1:$api_port/health"
# Login mode, as in production (Development only for the cookie keys' folder); Nginx sets the security headers.
hash=$(echo "bench-$RANDOM-password" | dotnet "$bin/AmoHealth.Gateway/release/AmoHealth.Gateway.dll" hash-password)
Auth__Mode=Login Auth__User=admin Auth__PasswordHash="$hash" Auth__KeysDirectory="$work/keys" PORT="$gateway_port" \
  Gateway__SecurityHeaders=false ASPNETCORE_ENVIRONMENT=Development \
  services__api__http__0="http://127.0.0.1:$api_port" services__prober__http__0="http://127.0.0.1:$prober_port" \
  dotnet "$bin/AmoHealth.Gateway/release/AmoHealth.Gateway.dll" \
  --contentRoot "$bin/AmoHealth.Gateway/release" >"$work/gateway.log" 2>&1 &
gateway_pid=$!; pids+=($gateway_pid)
wait_http "http://127.0.0.1:$gateway_port/health"

# The shipped site on a private Nginx (self-signed certificate, loopback high ports), as deploy/smoke.sh runs it.
mkdir -p "$work/nginx/snippets" "$work/nginx/cache" "$work/acme"
cp deploy/nginx/security-headers.conf "$work/nginx/snippets/"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout "$work/nginx/site.key" \
  -out "$work/nginx/site.crt" 2>/dev/null
https_port=$(free_port)
printf '%s\n' "SERVER_NAME=localhost" "GATEWAY_PORT=$gateway_port" "LISTEN_HOST=127.0.0.1" "HTTP_PORT=$(free_port)" \
    "HTTPS_PORT=$https_port" "CERT=$work/nginx/site.crt" "CERT_KEY=$work/nginx/site.key" \
    "SNIPPETS=$work/nginx/snippets" "ACME_ROOT=$work/acme" "ACCESS_LOG=$work/nginx/access.log" \
    "HOOKS_ERROR_LOG=$work/nginx/hooks-error.log" "PROXY_HEADER=X-Forwarded-User" \
    "PROXY_SECRET=bench-proxy-secret-0123456789" "CACHE_DIR=$work/nginx/cache" |
  dotnet "$hosting" nginx-site --template deploy/nginx/amohealth.conf.template --out "$work/nginx/amohealth.conf"
config=$(dotnet "$hosting" nginx-server --prefix "$work/nginx" --site "$work/nginx/amohealth.conf")
"$nginx_bin" -p "$work/nginx" -c "$config"
url="https://127.0.0.1:$https_port/status/$page"
wait_http "$url"
worker=$(pgrep -P "$(cat "$work/nginx/nginx.pid")" | head -1)
status=$(curl -sk -o /dev/null -w '%{http_code} %{content_type}' "$url")
echo "status-page: $url answers $status"

out=bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-status-page.json
dotnet "$bench" statuspage --url "$url" --rate "$rate" --seconds "$seconds" \
  --pids "api:$api_pid,gateway:$gateway_pid,nginx:$worker" | tee "$out"
echo "status-page: written $out"
