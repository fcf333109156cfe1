#!/usr/bin/env bash
# Stands up the published services behind a private Nginx (self-signed certificate, 127.0.0.1 high ports)
# using deploy/install.sh --stage, and checks what production relies on. The services are the programs
# deploy/publish.sh produced (NativeAOT where a project says so), started as their units say, under the
# units' MemoryDenyWriteExecute: an AOT-only failure (reflection, trimming) fails here. They are published once
# per run (into the run's own folder); the upgrade reuses that publish. Needs: dotnet, node, nginx, strace,
# openssl, redis-server, sqlite3, curl (and clang, zlib1g-dev for a NativeAOT service). Ends with
# "smoke: N passed, N failed" and exits non-zero on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

for tool in nginx openssl redis-server sqlite3 curl python3 systemd-analyze strace; do
  command -v "$tool" >/dev/null || { echo "smoke: $tool is needed (.ci/run installs it)"; echo "smoke: 0 passed, 1 failed"; exit 1; }
done

work=$(mktemp -d)
# mktemp makes it 0700: Nginx's workers (not root) must walk through it to the staged status-page cache.
chmod 755 "$work"
stage="$work/stage"
pids=()
hosting=$repo/artifacts/bin/AmoHealth.Hosting/release/AmoHealth.Hosting.dll # built by install.sh
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  [ -f "$hosting" ] && dotnet "$hosting" stop --dir "$work/stack" >/dev/null 2>&1
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

# Every program the install starts is recorded with its arguments: no secret may appear on a command line.
traced() { strace -f -qq --seccomp-bpf -e trace=execve -s 4096 -o "$1" "${@:2}"; }

echo "== install --stage (publishes the three services)"
if ! traced "$work/install.trace" deploy/install.sh --stage "$stage" --domain localhost --tls self-signed --publish-dir "$work/publish" \
      --http-port "$http_port" --https-port "$https_port" --listen 127.0.0.1 > "$work/install.log" 2>&1; then
  cat "$work/install.log"; failed=1; finish
fi
grep '^publish: ' "$work/install.log"
etc="$stage/etc/amohealth"
units="$stage/etc/systemd/system"
value() { sed -n "s/^$2=//p" "$etc/$1.env" | tail -1; }
password=$(sed -n 's/^password: //p' "$etc/admin-password")
hook_secret=$(value prober Monitor__HookSecret); proxy_secret=$(value gateway Auth__ProxySecret)
password_hash=$(value gateway Auth__PasswordHash)
internal_secret=$(value gateway Internal__ProxySecret)
redis_conf="$stage/etc/redis/amohealth.conf"
redis_password=$(sed -n 's/^requirepass //p' "$redis_conf")

check "one environment file per service, each mode 0600" bash -c "for f in common prober api gateway; do [ \"\$(stat -c %a '$etc'/\$f.env)\" = 600 ] || exit 1; done"
check "the generated admin password is in a 0600 file, not on the terminal" \
  bash -c "[ \"\$(stat -c %a '$etc/admin-password')\" = 600 ] && [ \${#0} -ge 16 ] && ! grep -qF -- \"\$0\" '$work/install.log'" "$password"
check "the Gateway's file holds a password hash, not the password" bash -c "[[ \$1 == pbkdf2-sha256\\\$* ]] && ! grep -qF -- \"\$0\" '$etc/gateway.env'" "$password" "$password_hash"
check "the Gateway's file holds no amoCRM token, Mattermost URL, webhook secret or database path" \
  bash -c "! grep -qE '^(AMOCRM_ACCESS_TOKEN|MATTERMOST_WEBHOOK_URL|Monitor__|Storage__|Notifications__)' '$etc/gateway.env'"
check "the Api's file holds no amoCRM token, webhook secret or sign-in setting" \
  bash -c "! grep -qE '^(AMOCRM_ACCESS_TOKEN|Monitor__|Auth__)' '$etc/api.env' && grep -q '^Storage__Path=' '$etc/api.env'"
check "the Prober's file holds no sign-in setting; the shared file no secret" \
  bash -c "! grep -qE '^(Auth__|PORT=)' '$etc/prober.env' && ! grep -qE '^(AMOCRM_ACCESS_TOKEN|MATTERMOST_WEBHOOK_URL|Monitor__|Auth__)' '$etc/common.env'"
check "no secret appeared on a command line during the install (hook secret, proxy secrets, password, hash, Redis password)" \
  bash -c "for s in \"\$@\"; do grep -qF -- \"\$s\" '$work/install.trace' && exit 1; done; grep -q 'execve(' '$work/install.trace'" \
  _ "$hook_secret" "$proxy_secret" "$internal_secret" "$password" "${password_hash##*\$}" "$redis_password"
check "one Gateway -> Api/Prober secret (24+ characters), the same in gateway.env, api.env and prober.env" bash -c "
  [ \${#0} -ge 24 ] && for f in gateway api prober; do grep -qxF \"Internal__ProxySecret=\$0\" '$etc'/\$f.env || exit 1; done" "$internal_secret"
check "Redis's generated password is in its include file (0640) and in the Prober's and Api's files only" bash -c "
  [ \${#0} -ge 32 ] && [ \"\$(stat -c %a '$redis_conf')\" = 640 ] &&
  grep -qF \",password=\$0\" '$etc/prober.env' && grep -qF \",password=\$0\" '$etc/api.env' &&
  ! grep -qF -- \"\$0\" '$etc/gateway.env' && ! grep -qF -- \"\$0\" '$etc/common.env' && ! grep -qF -- \"\$0\" '$work/install.log'" "$redis_password"
check "npm ran as an unprivileged user, never as root" bash -c "
  grep -q 'npm ci' '$work/install.log' || true
  [ \"\$(id -u)\" -ne 0 ] || grep -q 'runuser.*nobody' '$work/install.trace'"
check "the cookie keys' certificate is readable by the Gateway's group only" \
  bash -c "[ \"\$(stat -c %a '$etc/gateway-keys.pem')\" = 640 ] && grep -q 'BEGIN CERTIFICATE' '$etc/gateway-keys.pem' && grep -q 'PRIVATE KEY' '$etc/gateway-keys.pem'"
check "each service runs as its own user, sees only its own files, and other users' processes are hidden" bash -c "
  grep -q '^User=amohealth\$' '$units/amohealth-prober.service' && grep -q '^User=amohealth-api\$' '$units/amohealth-api.service' &&
  grep -q '^User=amohealth-gateway\$' '$units/amohealth-gateway.service' &&
  for u in prober api gateway; do grep -q '^ProtectProc=invisible' '$units'/amohealth-\$u.service || exit 1
    [ \"\$(grep -c '^EnvironmentFile=' '$units'/amohealth-\$u.service)\" = 2 ] && grep -q \"^EnvironmentFile=$etc/\$u.env\\\$\" '$units'/amohealth-\$u.service || exit 1; done &&
  grep -q '^InaccessiblePaths=$stage/var/lib/amohealth $stage/var/backups/amohealth' '$units/amohealth-gateway.service' &&
  grep -q '^ReadWritePaths=$stage/var/lib/amohealth-gateway\$' '$units/amohealth-gateway.service' &&
  grep -q '^InaccessiblePaths=$stage/var/lib/amohealth/tokens' '$units/amohealth-api.service'"
check "the Api cannot write the database: its folder read-only to it, the folder 2750, the Prober's files 0640" bash -c "
  grep -q '^ReadOnlyPaths=$stage/var/lib/amohealth\$' '$units/amohealth-api.service' && ! grep -q '^ReadWritePaths=' '$units/amohealth-api.service' &&
  grep -q '^UMask=0027\$' '$units/amohealth-prober.service' && [ \"\$(stat -c %a '$stage/var/lib/amohealth')\" = 2750 ] &&
  grep -q 'chmod 640 \"\$db\"' '$repo/deploy/restore.sh'"
current="$stage/opt/amohealth/current"
program_kind() { # service: native (NativeAOT: an ELF binary, no IL beside it) or jit (an apphost beside its IL)
  local exe="$current/${1,,}/AmoHealth.$1"
  [ -x "$exe" ] && [ "$(head -c4 "$exe" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] || { echo none; return; }
  if [ -f "$current/${1,,}/AmoHealth.$1.dll" ]; then echo jit; else echo native; fi
}
says_aot() { grep -Eq '<PublishAot>[[:space:]]*true[[:space:]]*</PublishAot>' "$repo/src/AmoHealth.$1/AmoHealth.$1.csproj"; }
services=(Prober Migrator Api Gateway) # as deploy/publish.sh publishes them
unit_of() { if [ "$1" = Migrator ]; then echo "$units/amohealth-migrate.service"; else echo "$units/amohealth-${1,,}.service"; fi; }
program_matches() { # services: each program is what its project publishes, and its unit starts it directly
  local s unit
  for s in "$@"; do
    unit=$(unit_of "$s")
    grep -qxF "ExecStart=$current/${s,,}/AmoHealth.$s" "$unit" && ! grep -q '^ExecStart=.*dotnet' "$unit" || return 1
    ! grep -q '^ExecStartPre=' "$unit" || return 1 # no second program in a unit: its W^X setting fits its one program
    if says_aot "$s"; then
      [ "$(program_kind "$s")" = native ] && grep -qx 'MemoryDenyWriteExecute=yes' "$unit" || return 1
    else
      [ "$(program_kind "$s")" = jit ] && ! grep -q '^MemoryDenyWriteExecute=' "$unit" || return 1
    fi
  done
}
native=(); for s in "${services[@]}"; do says_aot "$s" && native+=("$s"); done
kinds=$(for s in "${services[@]}"; do printf '%s %s, ' "${s,,}" "$(program_kind "$s")"; done)
check "the services whose csproj say PublishAot (${native[*]:-none}) are native executables (ELF, no IL beside them), each unit with MemoryDenyWriteExecute=yes (now: ${kinds%, })" \
  program_matches "${native[@]}"
check "every unit starts its published program directly (no dotnet X.dll, no ExecStartPre); W^X denied exactly for the NativeAOT ones" \
  program_matches "${services[@]}"
check "the migrate step is its own unit (oneshot, the Prober's user, files and data); each Prober start requires it and waits for it" bash -c "
  m='$units/amohealth-migrate.service'; p='$units/amohealth-prober.service'
  grep -qx 'Type=oneshot' \"\$m\" && ! grep -q '^RemainAfterExit=yes' \"\$m\" && ! grep -q '^Restart=always' \"\$m\" &&
  for key in User Group EnvironmentFile WorkingDirectory ReadWritePaths UMask ProtectSystem DOTNET_ROOT; do
    [ \"\$(grep \"^\$key=\\|^Environment=\$key=\" \"\$m\")\" = \"\$(grep \"^\$key=\\|^Environment=\$key=\" \"\$p\")\" ] || exit 1; done &&
  grep -qx 'Requires=amohealth-migrate.service' \"\$p\" && grep -q '^After=amohealth-migrate.service ' \"\$p\""
check "systemd accepts the units (Type=notify or oneshot, hardening)" bash -c "
  for u in '$units'/amohealth-*.service; do grep -q '^Type=\(notify\|oneshot\)' \"\$u\" || exit 1; done
  grep -q '^MemoryMax=500M' '$units/amohealth-prober.service' && grep -q '^ProtectSystem=strict' '$units/amohealth-api.service' &&
  SYSTEMD_LOG_LEVEL=err systemd-analyze verify --man=no '$units/amohealth-migrate.service' '$units/amohealth-prober.service' '$units/amohealth-api.service' '$units/amohealth-gateway.service' 2>&1 |
    grep -v -e 'User=' -e 'Group=' -e 'not executable' -e 'Failed to' -e '^\$' | (! grep .)"

# What an operator edits: the account (here the Simulator), ports, a fast interval. PUBLIC_URL stays unset:
# the Simulator cannot deliver webhooks to a self-signed HTTPS endpoint, so HOOK and DP use the API checks.
python3 - "$etc" <<PY
import sys, re, os
edits = {
  "prober": {"AMOCRM_DOMAIN": "http://127.0.0.1:$sim_port", "AMOCRM_ACCESS_TOKEN": "smoke-token",
             "MATTERMOST_WEBHOOK_URL": "http://127.0.0.1:$sim_port/hooks/demo", "TIMEOUT_THRESHOLD": "2000"},
  "api": {"MATTERMOST_WEBHOOK_URL": "http://127.0.0.1:$sim_port/hooks/demo"},
  "common": {"CHECK_INTERVAL": "3000"},
  "gateway": {"PORT": "$gateway_port", "services__api__http__0": "http://127.0.0.1:$api_port",
              "services__prober__http__0": "http://127.0.0.1:$prober_port"},
}
for name, values in edits.items():
    path = os.path.join(sys.argv[1], name + ".env"); text = open(path).read()
    for key, value in values.items():
        text = re.sub(rf"^{key}=.*$", f"{key}={value}", text, flags=re.M)
    text = re.sub(r"^PUBLIC_URL=.*$", "# PUBLIC_URL unset in the smoke test", text, flags=re.M)
    # The private Redis's port; the generated password stays as the install wrote it.
    text = text.replace("ConnectionStrings__redis=127.0.0.1:6379,", "ConnectionStrings__redis=127.0.0.1:$redis_port,")
    open(path, "w").write(text)
PY
# The account's public status page (an operator's one line in api.env).
echo "StatusPages__main__Account=main" >> "$etc/api.env"
sed -i "s|127.0.0.1:5101|127.0.0.1:$prober_port|" "$units/amohealth-prober.service"
sed -i "s|server 127.0.0.1:3001;|server 127.0.0.1:$gateway_port;|" "$stage/etc/nginx/sites-available/amohealth.conf"
sed -i "s|127.0.0.1:5102|127.0.0.1:$api_port|" "$units/amohealth-api.service"

echo "== start Redis, the Simulator, and the three services as their units say"
# Redis as the AppHost starts it, with the installed include file as redis.conf includes it in production (the
# password is read from the file); it answers when this returns.
dotnet "$hosting" start --dir "$work/stack" --owner $$ --redis --redis-port "$redis_port" --redis-config "$redis_conf" \
  > /dev/null || { echo "smoke: Redis did not start: $(cat "$work/stack/redis.log")"; failed=1; finish; }
dotnet build src/AmoHealth.Simulator -c Release -nologo -v q > "$work/sim-build.log" 2>&1
( cd artifacts/bin/AmoHealth.Simulator/release && Simulator__AccessTokens__0=smoke-token Simulator__MattermostHooks__0=demo \
    ASPNETCORE_URLS="http://127.0.0.1:$sim_port" exec dotnet AmoHealth.Simulator.dll ) > "$work/simulator.log" 2>&1 &
pids+=($!)

unit_exec() { # unit file: becomes its ExecStart with its WorkingDirectory, EnvironmentFile= and Environment= (call in a subshell)
  local unit=$1 file line pre
  # Only the unit's own EnvironmentFile= lines, in order: a service that needs a setting from another
  # service's file fails here as it would under systemd.
  while IFS= read -r file; do
    while IFS= read -r line; do [[ $line =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] && export "$line"; done < "$file"
  done < <(sed -n 's/^EnvironmentFile=-\{0,1\}//p' "$unit")
  while IFS= read -r line; do export "${line#Environment=}"; done < <(grep '^Environment=' "$unit")
  cd "$(sed -n 's/^WorkingDirectory=//p' "$unit")" || exit 1
  # ExecStartPre= first, in order, as systemd runs them: one that fails stops the start.
  while IFS= read -r pre; do $pre || exit 1; done < <(sed -n 's/^ExecStartPre=//p' "$unit")
  if grep -qx 'MemoryDenyWriteExecute=yes' "$unit"; then
    # As systemd does on a current kernel: prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN), kept across exec.
    exec python3 -c '
import ctypes, os, sys
if ctypes.CDLL(None, use_errno=True).prctl(65, 1, 0, 0, 0) != 0:
    print("smoke: this kernel cannot deny writable executable memory (PR_SET_MDWE); started without", file=sys.stderr)
os.execv(sys.argv[1], sys.argv[1:])' $(sed -n 's/^ExecStart=//p' "$unit")
  fi
  exec $(sed -n 's/^ExecStart=//p' "$unit")
}
run_unit() { # unit file, log: its Requires= oneshot units run to completion first (as systemd orders them with
  # After=; one that fails keeps the unit stopped), then the unit itself in the background
  local unit=$1 log=$2
  (
    for required in $(sed -n 's/^Requires=//p' "$unit"); do
      [ -f "$units/$required" ] && grep -qx 'Type=oneshot' "$units/$required" || continue
      grep -q "^After=.*\b$required\b" "$unit" || { echo "smoke: ${unit##*/} requires $required but is not ordered after it"; exit 1; }
      echo "smoke: $required (oneshot) first"
      ( unit_exec "$units/$required" ) || { echo "smoke: $required failed: ${unit##*/} not started"; exit 1; }
    done
    unit_exec "$unit"
  ) > "$log" 2>&1 &
  pids+=($!)
}
wait_http() { for _ in $(seq 1 150); do curl -sf -o /dev/null "$1" && return 0; sleep 0.4; done; return 1; }
redis_answer() { # what Redis answers a client that sends no password
  local answer
  exec 3<>"/dev/tcp/127.0.0.1/$redis_port" || return 1
  printf 'PING\r\n' >&3; IFS= read -r -t 3 answer <&3; exec 3<&-
  printf '%s' "$answer"
}
check "Redis refuses a client without the password" bash -c '[[ $0 == -NOAUTH* ]]' "$(redis_answer)"
run_unit "$units/amohealth-prober.service" "$work/prober.log"
check "the Prober starts and is healthy" wait_http "http://127.0.0.1:$prober_port/health"
check "the migrate unit ran to completion before the Prober started (the Migrator's line in the start's log)" \
  grep -q '^AmoHealth.Migrator: .*: the schema is current\.$' "$work/prober.log"
run_unit "$units/amohealth-api.service" "$work/api.log"
check "the Api starts and is healthy" wait_http "http://127.0.0.1:$api_port/health"
run_unit "$units/amohealth-gateway.service" "$work/gateway.log"
check "the Gateway starts on 127.0.0.1:PORT and is healthy" wait_http "http://127.0.0.1:$gateway_port/health"

echo "== private Nginx with the rendered site"
# The same private server the tests run the site in (src/AmoHealth.Hosting writes its nginx.conf).
dotnet "$hosting" nginx-server --prefix "$work/nginx" --site "$stage/etc/nginx/sites-available/amohealth.conf" >/dev/null
check "nginx -t accepts the site" nginx -t -q -p "$work/nginx" -c "$work/nginx/nginx.conf"
site="$stage/etc/nginx/sites-available/amohealth.conf"
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
# The password as a browser sends it (form-encoded: a generated one may hold '+' or '/'); success goes to "/", failure to /login.
check "signing in opens a session" test "$(c -c "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' -d user=admin --data-urlencode "password=$password" -d 'returnUrl=/' "$base/auth/login")" = "302 $base/"
check "the session cookie is Secure and HttpOnly" bash -c "awk -F'\t' '\$6 == \"amohealth\" && \$4 == \"TRUE\" && \$1 ~ /^#HttpOnly_/' '$jar' | grep -q ."
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
# The public status page: open without signing in, cached by Nginx (and nothing else is).
status_first=$(c -s -o /dev/null -D - "$base/status/main")
status_second=$(c -s -o /dev/null -D - "$base/status/main")
check "a public status page answers without signing in, from Nginx's cache the second time (MISS, then HIT)" bash -c "
  grep -qi '^HTTP/[0-9.]* 200' <<<'$status_first' && grep -qi '^x-cache-status: MISS' <<<'$status_first' &&
  grep -qi '^x-cache-status: HIT' <<<'$status_second'"
check "the site caches /status/ only, in the folder install.sh made" bash -c "
  [ -d '$stage/var/cache/nginx/amohealth' ] && [ \"\$(grep -c 'proxy_cache amohealth_status;' '$site')\" = 1 ]"
check "Referrer-Policy is set" has 'referrer-policy: no-referrer'

# The stream through Nginx over HTTP/1.1, unbuffered: the snapshot must arrive at once, live updates after.
c -b "$jar" --http1.1 -N --max-time 2 "$base/api/stream" > "$work/sse-2s.txt"
check "SSE passes Nginx unbuffered (the snapshot within 2 s over HTTP/1.1)" grep -q '"type":"status_update"' "$work/sse-2s.txt"
c -b "$jar" --http1.1 -N --max-time 9 "$base/api/stream" > "$work/sse-9s.txt"
check "live status updates follow through Nginx" test "$(grep -c '^data: {"type":"status_update"' "$work/sse-9s.txt")" -gt 5
# Nginx consumes X-Accel-Buffering itself (it never reaches the client): ask the Api behind it, as the Gateway
# does (the secret goes to curl in a file, never on its command line).
( umask 077; printf 'X-AmoHealth-Internal: %s\n' "$internal_secret" > "$work/internal.header" )
accel=$(curl -s --http1.1 -N --max-time 2 -D - -o /dev/null -H @"$work/internal.header" "http://127.0.0.1:$api_port/api/stream")
check "the Api marks the stream X-Accel-Buffering: no, for Nginx" grep -qi 'x-accel-buffering: no' <<<"$accel"

check "the Api and the Prober answer only the Gateway (403 without its secret), health aside" bash -c "
  [ \"\$(curl -s -o /dev/null -w '%{http_code}' 'http://127.0.0.1:$api_port/api/status')\" = 403 ] &&
  [ \"\$(curl -s -o /dev/null -w '%{http_code}' -d x=1 'http://127.0.0.1:$prober_port/hooks/amocrm/$hook_secret')\" = 403 ] &&
  [ \"\$(curl -s -o /dev/null -w '%{http_code}' 'http://127.0.0.1:$api_port/health')\" = 200 ]"
me=$(c -b "$jar" -H 'X-Forwarded-For: 6.6.6.6' "$base/auth/me")
check "a forged X-Forwarded-For is ignored (the client is 127.0.0.1)" grep -q '"clientAddress":"127.0.0.1"' <<<"$me"
check "/hooks/ reaches the receiver without a login (wrong secret: 404)" test "$(c -o /dev/null -w '%{http_code}' -d 'x=1' "$base/hooks/amocrm/not-the-secret")" = 404
c -o /dev/null -d 'x=1' "$base/hooks/amocrm/$hook_secret?account=main"
access_log="$stage/var/log/nginx/amohealth.access.log"
check "the Nginx access log masks the webhook secret" bash -c "grep -q '/hooks/amocrm/{secret}' '$access_log' && ! grep -q '$hook_secret' '$access_log'"
# A delivery over the site's 16 MB is refused by Nginx, which logs that at error level with the request line.
too_large=$(head -c 17000000 /dev/zero | c -o /dev/null -w '%{http_code}' --data-binary @- "$base/hooks/amocrm/$hook_secret?account=main")
check "/hooks/ is rate-limited, and no Nginx log holds the webhook secret (not even after a 413)" bash -c "
  [ '$too_large' = 413 ] && grep -q 'limit_req zone=amohealth_hooks' '$site' && grep -q 'amohealth.hooks-error.log crit;' '$site' &&
  ! grep -rqF -- '$hook_secret' '$stage/var/log/nginx' '$work/nginx/logs'"
burst=$(for i in $(seq 1 12); do c -o /dev/null -w '%{http_code}\n' -d 'user=admin&password=wrong&returnUrl=/' "$base/auth/login"; done)
check "Nginx answers a burst of sign-ins with 429 (limit_req)" bash -c "grep -q '^429$' <<<'$burst'"
check "CSV export works for a signed-in user" bash -c "curl -s --cacert '$cert' --resolve 'localhost:$https_port:127.0.0.1' -b '$jar' '$base/api/history?hours=1&format=csv' | head -1 | grep -q '^timestamp,time,account'"

db=$(value prober Storage__Path)
check "the database lives outside the release directory" bash -c "[[ '$db' == '$stage/var/lib/amohealth/'* ]] && [ -s '$db' ]"
check "the backup is a consistent online copy" bash -c "Storage__Path='$db' deploy/backup.sh '$work/backups' | grep -q 'results)' && [ \"\$(ls '$work/backups'/*.db.gz | wc -l)\" = 1 ]"

keys_dir=$(value gateway Auth__KeysDirectory)
check "the Gateway's cookie keys are encrypted at rest, outside the data directory" bash -c "
  [[ '$keys_dir' == '$stage/var/lib/amohealth-gateway/'* ]] && ls '$keys_dir'/key-*.xml >/dev/null &&
  for k in '$keys_dir'/key-*.xml; do grep -q '<encryptedSecret' \"\$k\" && ! grep -q '<masterKey' \"\$k\" || exit 1; done"

echo "== upgrade in place (rerun the install)"
before=$(cat "$etc"/{common,prober,api,gateway}.env | sha256sum | cut -d' ' -f1); first=$(readlink "$stage/opt/amohealth/current")
traced "$work/upgrade.trace" deploy/install.sh --stage "$stage" --domain localhost --tls self-signed --publish-dir "$work/publish" \
  --http-port "$http_port" --https-port "$https_port" --listen 127.0.0.1 > "$work/upgrade.log" 2>&1
check "an upgrade installs a new release and switches to it" bash -c "[ \"\$(readlink '$stage/opt/amohealth/current')\" != '$first' ] && [ -x '$stage/opt/amohealth/current/gateway/AmoHealth.Gateway' ] && [ -f '$stage/opt/amohealth/current/gateway/wwwroot/index.html' ]"
check "an upgrade of unchanged sources reuses the publish (one publish per run)" bash -c "grep -q 'reusing $work/publish' '$work/upgrade.log' && ! grep -q '^publish: AmoHealth' '$work/upgrade.log'"
check "an upgrade keeps the configuration and the history" bash -c "[ \"\$(cat '$etc'/{common,prober,api,gateway}.env | sha256sum | cut -d' ' -f1)\" = '$before' ] && [ -s '$db' ]"
check "an upgrade puts no secret on a command line either (it renders the site with the proxy secret)" \
  bash -c "! grep -qF -- \"\$0\" '$work/upgrade.trace' && grep -qF -- \"\$0\" '$site'" "$proxy_secret"

echo "== an older installation's single environment file is split per service"
legacy="$work/legacy"; mkdir -p "$legacy"
cat > "$legacy/amohealth.env" <<LEGACY
AMOCRM_DOMAIN=legacy.amocrm.ru
AMOCRM_ACCESS_TOKEN=legacy-token-123
MATTERMOST_WEBHOOK_URL=https://chat.example/hooks/legacy-key
CHECK_INTERVAL=30000
PORT=3001
Monitor__HookSecret=legacy-hook-secret
Notifications__Telegram__BotToken=legacy-bot-token
Storage__Path=/var/lib/amohealth/health_checks.db
Auth__KeysDirectory=/var/lib/amohealth/keys
ConnectionStrings__redis=127.0.0.1:6379
Auth__Mode=Login
Auth__PasswordHash=pbkdf2-sha256\$310000\$legacy
ASPNETCORE_ENVIRONMENT=Production
LEGACY
deploy/env-split.sh "$legacy/amohealth.env" "$legacy" /var/lib/amohealth-gateway
has_line() { grep -qxF -- "$2" "$legacy/$1.env"; }
lacks() { ! grep -qF -- "$2" "$legacy/$1.env"; }
check "the split gives the token, hook secret and bot token to the Prober only" bash -c "
  $(declare -f has_line lacks); legacy='$legacy'
  has_line prober AMOCRM_ACCESS_TOKEN=legacy-token-123 && has_line prober Monitor__HookSecret=legacy-hook-secret &&
  has_line prober Notifications__Telegram__BotToken=legacy-bot-token &&
  for f in api gateway common; do lacks \$f legacy-token-123 && lacks \$f legacy-hook-secret && lacks \$f legacy-bot-token || exit 1; done"
check "the split gives sign-in to the Gateway only, the database and channel to the Prober and Api, the rest to all" bash -c "
  $(declare -f has_line lacks); legacy='$legacy'
  has_line gateway PORT=3001 && has_line gateway Auth__Mode=Login && lacks prober Auth__ && lacks api Auth__ &&
  has_line gateway Auth__KeysDirectory=/var/lib/amohealth-gateway/keys &&
  has_line api Storage__Path=/var/lib/amohealth/health_checks.db && has_line prober Storage__Path=/var/lib/amohealth/health_checks.db &&
  has_line api MATTERMOST_WEBHOOK_URL=https://chat.example/hooks/legacy-key && lacks gateway MATTERMOST &&
  has_line common CHECK_INTERVAL=30000 && has_line common ASPNETCORE_ENVIRONMENT=Production &&
  [ ! -e '$legacy/amohealth.env' ] && [ \"\$(stat -c %a '$legacy/amohealth.env.split')\" = 600 ] && [ \"\$(stat -c %a '$legacy/gateway.env')\" = 600 ]"

if [ "$failed" -gt 0 ]; then
  for log in install prober api gateway; do echo "--- $log.log (tail)"; tail -n 20 "$work/$log.log" 2>/dev/null; done
  tail -n 20 "$work/nginx/logs/error.log" 2>/dev/null
fi
finish
