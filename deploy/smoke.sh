#!/usr/bin/env bash
# Stands up the published services behind a private Nginx (self-signed certificate, 127.0.0.1 high ports)
# using deploy/install.sh --stage, and checks what production relies on. Needs: dotnet, node, nginx,
# openssl, redis-server, sqlite3, curl. Ends with "smoke: N passed, N failed" and exits non-zero on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

for tool in nginx openssl redis-server sqlite3 curl python3 systemd-analyze; do
  command -v "$tool" >/dev/null || { echo "smoke: $tool is needed (.ci/run installs it)"; echo "smoke: 0 passed, 1 failed"; exit 1; }
done

work=$(mktemp -d)
stage="$work/stage"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
  wait 2>/dev/null
  if [ "${KEEP_SMOKE:-}" = 1 ]; then echo "smoke: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
passed=0; failed=0
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $what"; else failed=$((failed + 1)); echo "FAIL $what"; fi
}
finish() { echo "smoke: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

http_port=$(free_port); https_port=$(free_port); gateway_port=$(free_port); prober_port=$(free_port); api_port=$(free_port)
sim_port=$(free_port); redis_port=$(free_port)
password="smoke-$(openssl rand -hex 6)"

echo "== install --stage"
if ! AMOHEALTH_ADMIN_PASSWORD=$password deploy/install.sh --stage "$stage" --domain localhost --tls self-signed \
      --http-port "$http_port" --https-port "$https_port" --listen 127.0.0.1 > "$work/install.log" 2>&1; then
  cat "$work/install.log"; failed=1; finish
fi
env_file="$stage/etc/amohealth/amohealth.env"
units="$stage/etc/systemd/system"

check "the environment file is mode 0600" test "$(stat -c %a "$env_file")" = 600
check "the environment file holds a password hash, not the password" bash -c "grep -q '^Auth__PasswordHash=pbkdf2-sha256\\$' '$env_file' && ! grep -q '$password' '$env_file'"
check "systemd accepts the units (Type=notify, hardening)" bash -c "
  for u in '$units'/amohealth-*.service; do grep -q '^Type=\(notify\|oneshot\)' \"\$u\" || exit 1; done
  grep -q '^MemoryMax=500M' '$units/amohealth-prober.service' && grep -q '^ProtectSystem=strict' '$units/amohealth-api.service' &&
  SYSTEMD_LOG_LEVEL=err systemd-analyze verify --man=no '$units/amohealth-prober.service' '$units/amohealth-api.service' '$units/amohealth-gateway.service' 2>&1 |
    grep -v -e 'User=' -e 'Group=' -e 'not executable' -e 'Failed to' -e '^\$' | (! grep .)"

# What an operator edits: the account (here the Simulator), ports, a fast interval. PUBLIC_URL stays unset:
# the Simulator cannot deliver webhooks to a self-signed HTTPS endpoint, so HOOK and DP use the API checks.
python3 - "$env_file" <<PY
import sys, re
path = sys.argv[1]; text = open(path).read()
values = {
  "AMOCRM_DOMAIN": "http://127.0.0.1:$sim_port", "AMOCRM_ACCESS_TOKEN": "smoke-token",
  "MATTERMOST_WEBHOOK_URL": "http://127.0.0.1:$sim_port/hooks/demo", "CHECK_INTERVAL": "3000", "TIMEOUT_THRESHOLD": "2000",
  "PORT": "$gateway_port", "ConnectionStrings__redis": "127.0.0.1:$redis_port",
  "services__api__http__0": "http://127.0.0.1:$api_port", "services__prober__http__0": "http://127.0.0.1:$prober_port",
}
for key, value in values.items():
    text = re.sub(rf"^{key}=.*$", f"{key}={value}", text, flags=re.M)
text = re.sub(r"^PUBLIC_URL=.*$", "# PUBLIC_URL unset in the smoke test", text, flags=re.M)
open(path, "w").write(text)
PY
sed -i "s|127.0.0.1:5101|127.0.0.1:$prober_port|" "$units/amohealth-prober.service"
sed -i "s|server 127.0.0.1:3001;|server 127.0.0.1:$gateway_port;|" "$stage/etc/nginx/sites-available/amohealth.conf"
sed -i "s|127.0.0.1:5102|127.0.0.1:$api_port|" "$units/amohealth-api.service"

echo "== start Redis, the Simulator, and the three services as their units say"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no > "$work/redis.log" 2>&1 &
pids+=($!)
dotnet build src/AmoHealth.Simulator -c Release -nologo -v q > "$work/sim-build.log" 2>&1
( cd artifacts/bin/AmoHealth.Simulator/release && Simulator__AccessTokens__0=smoke-token Simulator__MattermostHooks__0=demo \
    ASPNETCORE_URLS="http://127.0.0.1:$sim_port" exec dotnet AmoHealth.Simulator.dll ) > "$work/simulator.log" 2>&1 &
pids+=($!)

run_unit() { # unit file: WorkingDirectory, ExecStart, EnvironmentFile and Environment= as systemd would use them
  local unit=$1 log=$2
  (
    while IFS= read -r line; do [[ $line =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] && export "$line"; done < "$env_file"
    while IFS= read -r line; do export "${line#Environment=}"; done < <(grep '^Environment=' "$unit")
    cd "$(sed -n 's/^WorkingDirectory=//p' "$unit")" || exit 1
    exec $(sed -n 's/^ExecStart=//p' "$unit")
  ) > "$log" 2>&1 &
  pids+=($!)
}
wait_http() { for _ in $(seq 1 150); do curl -sf -o /dev/null "$1" && return 0; sleep 0.4; done; return 1; }
run_unit "$units/amohealth-prober.service" "$work/prober.log"
check "the Prober starts and is healthy" wait_http "http://127.0.0.1:$prober_port/health"
run_unit "$units/amohealth-api.service" "$work/api.log"
check "the Api starts and is healthy" wait_http "http://127.0.0.1:$api_port/health"
run_unit "$units/amohealth-gateway.service" "$work/gateway.log"
check "the Gateway starts on 127.0.0.1:PORT and is healthy" wait_http "http://127.0.0.1:$gateway_port/health"

echo "== private Nginx with the rendered site"
mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log $work/nginx/logs/access.log;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  types { text/html html; application/javascript js; text/css css; }
  include $stage/etc/nginx/sites-available/amohealth.conf;
}
CONF
check "nginx -t accepts the site" nginx -t -q -p "$work/nginx" -c "$work/nginx/nginx.conf"
site="$stage/etc/nginx/sites-available/amohealth.conf"
proxy_secret=$(sed -n 's/^Auth__ProxySecret=//p' "$env_file")
check "the site drops a client's own copy of the configured proxy user header" grep -q 'proxy_set_header X-Forwarded-User "";' "$site"
check "the site adds the generated proxy secret (24+ characters) that Proxy mode requires" \
  bash -c "[ ${#proxy_secret} -ge 24 ] && grep -qF 'X-AmoHealth-Proxy-Secret \"$proxy_secret\"' '$site'"
check "the site, which holds that secret, is readable by root only" test "$(stat -c %a "$site")" = 600
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"

base="https://localhost:$https_port"
cert="$stage/etc/amohealth/tls/self-signed.crt"
c() { curl -s --cacert "$cert" --resolve "localhost:$https_port:127.0.0.1" --resolve "localhost:$http_port:127.0.0.1" "$@"; }
jar="$work/cookies"

check "HTTP redirects to HTTPS" test "$(c -o /dev/null -w '%{http_code} %{redirect_url}' "http://localhost:$http_port/x?y=1")" = "301 $base/x?y=1"
check "/health answers without signing in" test "$(c -o /dev/null -w '%{http_code}' "$base/health")" = 200
check "an unauthenticated API request is refused (401)" test "$(c -o /dev/null -w '%{http_code}' "$base/api/status")" = 401
check "an unauthenticated stream is refused (401)" test "$(c -o /dev/null -w '%{http_code}' --max-time 5 "$base/api/stream")" = 401
check "a forged X-Forwarded-User from outside is dropped (401)" test "$(c -o /dev/null -w '%{http_code}' -H 'X-Forwarded-User: mallory' "$base/api/status")" = 401
check "the dashboard sends a visitor to the sign-in page" test "$(c -o /dev/null -w '%{http_code} %{redirect_url}' "$base/")" = "302 $base/login?returnUrl=%2F"
wrong=$(c -o /dev/null -w '%{redirect_url}' -d 'user=admin&password=wrong&returnUrl=/' "$base/auth/login")
check "a wrong password is refused" grep -q 'failed=1' <<<"$wrong"
check "signing in opens a session" test "$(c -c "$jar" -o /dev/null -w '%{http_code}' -d "user=admin&password=$password&returnUrl=/" "$base/auth/login")" = 302
page=$(c -b "$jar" "$base/")
check "the dashboard loads over HTTPS" grep -q '<div id="root">' <<<"$page"
script=$(grep -o 'src="/assets/[^"]*\.js"' <<<"$page" | head -1 | cut -d'"' -f2)
asset=$(c -b "$jar" -D - -o /dev/null "$base$script")
check "its script loads, cached for good" grep -qi 'cache-control: public, max-age=31536000, immutable' <<<"$asset"

headers=$(c -b "$jar" -D - -o /dev/null "$base/")
has() { grep -qi "^$1" <<<"$headers"; }
check "HSTS is set" has 'strict-transport-security: max-age='
check "a strict Content-Security-Policy is set, once" test "$(grep -ci "^content-security-policy: default-src 'self'; script-src 'self'; style-src 'self';.*frame-ancestors 'none'" <<<"$headers")" = 1
check "the Content-Security-Policy allows no inline code" bash -c '! grep -qi "unsafe-inline" <<<"$0"' "$headers"
check "nosniff is set" has 'x-content-type-options: nosniff'
check "Referrer-Policy is set" has 'referrer-policy: no-referrer'

# The stream through Nginx over HTTP/1.1, unbuffered: the snapshot must arrive at once, live updates after.
c -b "$jar" --http1.1 -N --max-time 2 "$base/api/stream" > "$work/sse-2s.txt"
check "SSE passes Nginx unbuffered (the snapshot within 2 s over HTTP/1.1)" grep -q '"type":"status_update"' "$work/sse-2s.txt"
c -b "$jar" --http1.1 -N --max-time 9 "$base/api/stream" > "$work/sse-9s.txt"
check "live status updates follow through Nginx" test "$(grep -c '^data: {"type":"status_update"' "$work/sse-9s.txt")" -gt 5
# Nginx consumes X-Accel-Buffering itself (it never reaches the client): ask the Api behind it.
accel=$(curl -s --http1.1 -N --max-time 2 -D - -o /dev/null "http://127.0.0.1:$api_port/api/stream")
check "the Api marks the stream X-Accel-Buffering: no, for Nginx" grep -qi 'x-accel-buffering: no' <<<"$accel"

me=$(c -b "$jar" -H 'X-Forwarded-For: 6.6.6.6' "$base/auth/me")
check "a forged X-Forwarded-For is ignored (the client is 127.0.0.1)" grep -q '"clientAddress":"127.0.0.1"' <<<"$me"
check "/hooks/ reaches the receiver without a login (wrong secret: 404)" test "$(c -o /dev/null -w '%{http_code}' -d 'x=1' "$base/hooks/amocrm/not-the-secret")" = 404
hook_secret=$(sed -n 's/^Monitor__HookSecret=//p' "$env_file")
c -o /dev/null -d 'x=1' "$base/hooks/amocrm/$hook_secret?account=main"
access_log="$stage/var/log/nginx/amohealth.access.log"
check "the Nginx access log masks the webhook secret" bash -c "grep -q '/hooks/amocrm/{secret}' '$access_log' && ! grep -q '$hook_secret' '$access_log'"
burst=$(for i in $(seq 1 12); do c -o /dev/null -w '%{http_code}\n' -d 'user=admin&password=wrong&returnUrl=/' "$base/auth/login"; done)
check "Nginx answers a burst of sign-ins with 429 (limit_req)" bash -c "grep -q '^429$' <<<'$burst'"
check "CSV export works for a signed-in user" bash -c "curl -s --cacert '$cert' --resolve 'localhost:$https_port:127.0.0.1' -b '$jar' '$base/api/history?hours=1&format=csv' | head -1 | grep -q '^timestamp,time,account'"

db=$(sed -n 's/^Storage__Path=//p' "$env_file")
check "the database lives outside the release directory" bash -c "[[ '$db' == '$stage/var/lib/amohealth/'* ]] && [ -s '$db' ]"
check "the backup is a consistent online copy" bash -c "Storage__Path='$db' deploy/backup.sh '$work/backups' | grep -q 'results)' && [ \"\$(ls '$work/backups'/*.db.gz | wc -l)\" = 1 ]"

echo "== upgrade in place (rerun the install)"
before=$(sha256sum "$env_file" | cut -d' ' -f1); first=$(readlink "$stage/opt/amohealth/current")
AMOHEALTH_ADMIN_PASSWORD=other deploy/install.sh --stage "$stage" --domain localhost --tls self-signed \
  --http-port "$http_port" --https-port "$https_port" --listen 127.0.0.1 > "$work/upgrade.log" 2>&1
check "an upgrade installs a new release and switches to it" bash -c "[ \"\$(readlink '$stage/opt/amohealth/current')\" != '$first' ] && [ -f '$stage/opt/amohealth/current/gateway/AmoHealth.Gateway.dll' ]"
check "an upgrade keeps the configuration and the history" bash -c "[ \"\$(sha256sum '$env_file' | cut -d' ' -f1)\" = '$before' ] && [ -s '$db' ]"

if [ "$failed" -gt 0 ]; then
  for log in install prober api gateway; do echo "--- $log.log (tail)"; tail -n 20 "$work/$log.log" 2>/dev/null; done
  tail -n 20 "$work/nginx/logs/error.log" 2>/dev/null
fi
finish
