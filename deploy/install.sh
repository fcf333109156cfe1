#!/usr/bin/env bash
# Installs or upgrades AmoHealth on one Debian/Ubuntu host behind Nginx. Idempotent: rerun it to upgrade.
#
#   sudo deploy/install.sh --domain monitor.example.com [--email ops@example.com] [--tls letsencrypt|self-signed]
#
# What it does, in order: installs Redis, Nginx, SQLite, OpenSSL, clang and zlib1g-dev from the distribution;
# creates one system user per service (amohealth: Prober; amohealth-api; amohealth-gateway); builds the dashboard
# as an unprivileged user (npm never runs as root) and publishes Prober, Migrator, Api and Gateway (deploy/publish.sh:
# Release, linux-x64, NativeAOT or ReadyToRun as each project says; clang and zlib1g-dev link the native ones)
# into a new /opt/amohealth/releases/<time>, each service an executable its unit starts directly (no
# `dotnet X.dll`); the publish is kept in artifacts/publish/linux-x64 (--publish-dir DIR) and reused while the
# sources are unchanged; keeps data and tokens in /var/lib/amohealth, the Gateway's cookie keys in
# /var/lib/amohealth-gateway, and configuration in /etc/amohealth/{common,prober,api,gateway}.env (0600, one per
# service, created once, never overwritten; an older single amohealth.env is split); generates Redis's password
# once into /etc/redis/amohealth.conf (included by redis.conf) and the Prober's and Api's connection string to
# it (an address already configured is kept); writes a new admin password
# to /etc/amohealth/admin-password (0600), never to the terminal; installs the systemd units (notify,
# auto-restart, 500 MB cap, hardening), the migrate step's unit amohealth-migrate (oneshot, started before every
# start of the Prober) and the daily backup timer; renders the Nginx site (HTTP -> HTTPS,
# TLS, unbuffered SSE, /hooks/ passed through, security headers); switches /opt/amohealth/current to the new
# release, runs the migrate step (amohealth-migrate: the schema up to date; if it fails, nothing is restarted) and
# restarts the services in order (Prober, then Api, then Gateway), each only after the previous one answers
# /health. Old releases beyond the last three are removed.
#
# --stage DIR does all of the file work under DIR instead of /, without root, packages, users or systemd:
# deploy/smoke.sh uses it to test the same layout on a private Nginx.
#
# Least privilege: the Api cannot write the database (folder 2750, files 0640, ReadOnlyPaths); on PostgreSQL it
# logs in as amohealth_api, a role with SELECT only (deploy/pg-read-role.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
domain=""; email=""; tls=letsencrypt; stage=""; http_port=80; https_port=443; listen_host=""; published=$repo/artifacts/publish/linux-x64
while [ $# -gt 0 ]; do
  case "$1" in
    --domain) domain=$2; shift 2 ;;
    --email) email=$2; shift 2 ;;
    --tls) tls=$2; shift 2 ;;
    --stage) stage=$2; shift 2 ;;
    --http-port) http_port=$2; shift 2 ;;
    --https-port) https_port=$2; shift 2 ;;
    --listen) listen_host="$2:"; shift 2 ;;
    --publish-dir) published=$2; shift 2 ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "install: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$domain" ] || { echo "install: --domain is required (the public name amoCRM and users reach)" >&2; exit 2; }
case "$tls" in letsencrypt|self-signed) ;; *) echo "install: --tls must be letsencrypt or self-signed" >&2; exit 2 ;; esac
if [ -z "$stage" ] && [ "$(id -u)" -ne 0 ]; then echo "install: run as root (sudo), or use --stage DIR" >&2; exit 1; fi

root=${stage:+$(mkdir -p "$stage" && cd "$stage" && pwd)}
user=amohealth; api_user=amohealth-api; gateway_user=amohealth-gateway
opt="$root/opt/amohealth"
current="$opt/current"
etc="$root/etc/amohealth"
data="$root/var/lib/amohealth"
gateway_state="$root/var/lib/amohealth-gateway"
keys_certificate="$etc/gateway-keys.pem"
backups="$root/var/backups/amohealth"
units="$root/etc/systemd/system"
sites="$root/etc/nginx/sites-available"
snippets="$root/etc/nginx/snippets/amohealth"
acme="$root/var/www/letsencrypt"
release="$opt/releases/$(date -u +%Y%m%dT%H%M%SZ)"
dotnet_bin=$(command -v dotnet || echo /usr/bin/dotnet)
# Where a framework-dependent build's apphost finds the runtime (a native or self-contained build ignores it).
dotnet_root=$(dirname "$(readlink -f "$dotnet_bin")")
step() { echo "== $*"; }

if [ -z "$stage" ]; then
  step "packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq redis-server nginx sqlite3 openssl curl clang zlib1g-dev >/dev/null
  [ "$tls" = letsencrypt ] && apt-get install -y -qq certbot >/dev/null
  command -v node >/dev/null || { echo "install: Node.js 20.19+ is needed to build the dashboard" >&2; exit 1; }
  systemctl enable --now redis-server >/dev/null
  step "users $user, $api_user, $gateway_user"
  # One user per service: a service cannot read another's process environment or files. The Api reads the
  # database through the group amohealth; the Gateway has no access to the data directory at all.
  id "$user" >/dev/null 2>&1 || useradd --system --home-dir /var/lib/amohealth --shell /usr/sbin/nologin "$user"
  id "$api_user" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin --gid "$user" "$api_user"
  id "$gateway_user" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin --user-group "$gateway_user"
fi

# Publishing needs the .NET SDK and, for a NativeAOT service, clang and zlib1g-dev: checked before anything is built.
"$here/publish.sh" --check || { echo "install: stopped before building or installing anything of AmoHealth" >&2; exit 1; }

step "directories"
mkdir -p "$opt/releases" "$etc" "$data/tokens" "$gateway_state/keys" "$backups" "$units" "$sites" "$snippets" "$acme"
chmod 711 "$etc"; chmod 700 "$data/tokens" "$gateway_state" "$gateway_state/keys" "$backups"
# The data directory: the Prober writes; the Api (group amohealth) may only read, the folder and the files alike
# (the Prober keeps SQLite's -wal and -shm, which a reader that cannot write needs).
chmod 2750 "$data"
find "$data" -maxdepth 1 -type f -name '*.db*' -exec chmod 640 {} +
if [ -z "$stage" ]; then
  chown "$user:$user" "$data" "$backups"; chown -R "$user:$user" "$data/tokens"
  find "$data" -maxdepth 1 -type f -name '*.db*' -exec chown "$user:$user" {} +
  chown -R "$gateway_user:$gateway_user" "$gateway_state"
fi
# Cookie keys of older installations lived unencrypted in the data directory: removed (users sign in again once).
rm -rf "$data/keys"

# The dashboard is built by an unprivileged user in a scratch copy: npm's install scripts never run as root.
build_dashboard() {
  local spa_src="$repo/src/AmoHealth.Gateway/ClientApp" build_user
  scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/app"
  (cd "$spa_src" && tar --exclude=./node_modules --exclude=./dist -cf - .) | tar -xf - -C "$scratch/app"
  local build_spa='cd "$1/app" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent'
  if [ "$(id -u)" -eq 0 ]; then
    build_user=$user; [ -n "$stage" ] && build_user=nobody
    chmod 755 "$scratch"; chown -R "$build_user" "$scratch"
    runuser -u "$build_user" -- env HOME="$scratch" npm_config_cache="$scratch/.npm" bash -c "$build_spa" spa "$scratch" >/dev/null
  else
    env HOME="$scratch" npm_config_cache="$scratch/.npm" bash -c "$build_spa" spa "$scratch" >/dev/null
  fi
  rm -rf "$repo/src/AmoHealth.Gateway/wwwroot"
  cp -r "$scratch/app/dist" "$repo/src/AmoHealth.Gateway/wwwroot"
}
publish_args=(-p:SkipSpaBuild=true) # the dashboard is built by build_dashboard, not by the Gateway's project
if "$here/publish.sh" --current "$published" "${publish_args[@]}"; then
  step "dashboard and services: reusing $published (sources unchanged since it was published)"
else
  step "dashboard (npm ci, vite build)"
  build_dashboard
  step "publish (Release, linux-x64) into $published"
  "$here/publish.sh" "$published" "${publish_args[@]}"
fi
step "release $release"
mkdir -p "$release"
for service in prober migrator api gateway; do cp -a "$published/$service" "$release/$service"; done
[ -f "$release/gateway/wwwroot/index.html" ] || { echo "install: the dashboard is missing from the published Gateway" >&2; exit 1; }
# A NativeAOT service never makes memory executable at run time: its unit denies writable executable memory
# (MemoryDenyWriteExecute). A JIT or ReadyToRun one compiles code at run time and cannot have that.
write_execute() { # service folder, project name: the unit's MemoryDenyWriteExecute lines
  if [ -f "$release/$1/AmoHealth.$2.dll" ]; then
    echo "# Not MemoryDenyWriteExecute: this build JIT-compiles (ReadyToRun code too), which needs writable executable memory."
  else
    echo "# NativeAOT: no JIT, so no memory ever needs to be writable and executable."
    echo "MemoryDenyWriteExecute=yes"
  fi
}
mkdir -p "$release/deploy"
cp "$here"/backup.sh "$here"/restore.sh "$release/deploy/"
cp "$repo/README.md" "$release/"

# Placeholders are filled in by bash itself (no secret ever appears on a command line, where ps would show it).
render_env() { # template name, then pairs of placeholder and value
  local name=$1 text; shift
  text=$(<"$here/env/$name.env.example")
  while [ $# -gt 1 ]; do text=${text//"$1"/"$2"}; shift 2; done
  text=${text//\/var\/lib\/amohealth-gateway/$gateway_state}
  text=${text//\/var\/lib\/amohealth\//$data\/}
  text=${text//\/etc\/amohealth\//$etc\/}
  ( umask 077; printf '%s\n' "$text" > "$etc/$name.env" )
}
set_env() { # file, key, value: appended when the key is missing (never changes a value already set)
  grep -q "^$2=" "$1" || ( umask 077; printf '%s=%s\n' "$2" "$3" >> "$1" )
}
if [ -f "$etc/amohealth.env" ] && [ ! -f "$etc/gateway.env" ]; then
  step "configuration: splitting $etc/amohealth.env into one file per service"
  source "$here/env-split.sh"
  amohealth_split_env "$etc/amohealth.env" "$etc" "$gateway_state"
  echo "   the old file is kept as $etc/amohealth.env.split (0600); delete it once the services run"
fi
if [ ! -f "$etc/gateway.env" ]; then
  step "configuration $etc/*.env (new)"
  password_file="$etc/admin-password"
  if [ -n "${AMOHEALTH_ADMIN_PASSWORD:-}" ]; then password=$AMOHEALTH_ADMIN_PASSWORD; else password=$(openssl rand -base64 18 | tr '+/' '-_'); fi # easy to paste: no '+' or '/'
  hash=$(printf '%s\n' "$password" | DOTNET_ROOT=$dotnet_root "$release/gateway/AmoHealth.Gateway" hash-password)
  internal_secret=$(openssl rand -hex 24) # one value: the Gateway sends it, the Api and the Prober check it
  render_env common
  render_env prober @HOOK_SECRET@ "$(openssl rand -hex 20)" @INTERNAL_SECRET@ "$internal_secret" @OAUTH_KEY@ "$(openssl rand -base64 32)"
  sed -i "s|^PUBLIC_URL=.*|PUBLIC_URL=https://$domain|" "$etc/prober.env"
  render_env api @INTERNAL_SECRET@ "$internal_secret"
  sed -i "s|^PUBLIC_URL=.*|PUBLIC_URL=https://$domain|" "$etc/api.env"
  render_env gateway @PASSWORD_HASH@ "$hash" @PROXY_SECRET@ "$(openssl rand -hex 24)" @INTERNAL_SECRET@ "$internal_secret"
  if [ -z "${AMOHEALTH_ADMIN_PASSWORD:-}" ]; then
    ( umask 077; printf 'user: admin\npassword: %s\n' "$password" > "$password_file" )
    echo "   dashboard user 'admin': the password is in $password_file (0600, root). Read it, then delete the file."
  fi
  unset password hash internal_secret
  echo "   edit $etc/prober.env: AMOCRM_DOMAIN, AMOCRM_ACCESS_TOKEN, MATTERMOST_WEBHOOK_URL (and the URL in api.env)"
else
  step "configuration $etc/*.env (kept)"
fi
env_value() { sed -n "s/^$2=//p" "$etc/$1.env" | tail -1; }
# Redis requires a password, generated once into an include file of Redis's own configuration (root:redis,
# 0640) and given to the two services that use Redis in their own files; the Gateway never sees it.
redis_conf="$root/etc/redis/amohealth.conf"
mkdir -p "$(dirname "$redis_conf")"
if ! grep -q '^requirepass ' "$redis_conf" 2>/dev/null; then
  step "Redis password (new) in $redis_conf"
  redis_password=$(openssl rand -hex 32)
  ( umask 027; printf '# AmoHealth (deploy/install.sh): Redis asks every client for this password.\nrequirepass %s\n' "$redis_password" > "$redis_conf" )
fi
chmod 640 "$redis_conf"
[ -z "$stage" ] && chown root:redis "$redis_conf"
redis_password=$(sed -n 's/^requirepass //p' "$redis_conf" | tail -1)
for service in prober api; do
  redis_current=$(env_value "$service" ConnectionStrings__redis); redis_current=${redis_current:-$(env_value common ConnectionStrings__redis)}
  if [[ $redis_current != *password=* ]]; then
    # The address already configured is kept; the line is rewritten by bash itself (the password is on no command line).
    redis_address=${redis_current%%,*}; redis_address=${redis_address:-127.0.0.1:6379}
    redis_text=$(grep -v '^ConnectionStrings__redis=' "$etc/$service.env" || true)
    ( umask 077; printf '%s\nConnectionStrings__redis=%s,password=%s\n' "$redis_text" "$redis_address" "$redis_password" > "$etc/$service.env" )
  fi
done
unset redis_text
if [ -z "$stage" ] && ! grep -qxF "include $redis_conf" /etc/redis/redis.conf; then
  printf '\n# AmoHealth: the password (requirepass)\ninclude %s\n' "$redis_conf" >> /etc/redis/redis.conf
  systemctl restart redis-server
fi

# Settings added since an installation was made, once each.
# The Api passes people's actions (acknowledge, silence, maintenance) to the Prober.
set_env "$etc/api.env" services__prober__http__0 http://127.0.0.1:5101
set_env "$etc/gateway.env" Auth__ProxyHeader X-Forwarded-User
grep -q '^Auth__ProxySecret=' "$etc/gateway.env" || set_env "$etc/gateway.env" Auth__ProxySecret "$(openssl rand -hex 24)"
set_env "$etc/gateway.env" Auth__KeysDirectory "$gateway_state/keys"
set_env "$etc/gateway.env" Auth__KeysCertificate "$keys_certificate"
# The Gateway -> Api/Prober secret, the same in the three files: an existing one is kept, else one is generated.
internal_secret=$(sed -n 's/^Internal__ProxySecret=//p' "$etc/gateway.env" "$etc/api.env" "$etc/prober.env")
internal_secret=${internal_secret%%$'\n'*}
[ -n "$internal_secret" ] || internal_secret=$(openssl rand -hex 24)
for service in gateway api prober; do set_env "$etc/$service.env" Internal__ProxySecret "$internal_secret"; done
unset internal_secret
# The key of the OAuth pairs in the database; harmless until OAuth is configured. Never replaced here: README
# says how to change it.
grep -q '^Monitor__OAuth__EncryptionKey=' "$etc/prober.env" || set_env "$etc/prober.env" Monitor__OAuth__EncryptionKey "$(openssl rand -base64 32)"
# PostgreSQL (Storage__Provider=postgres): the Api logs in as amohealth_api, which may only SELECT.
source "$here/pg-read-role.sh"
amohealth_pg_read_role "$etc"
chmod 600 "$etc"/common.env "$etc"/prober.env "$etc"/api.env "$etc"/gateway.env
if [ ! -f "$keys_certificate" ]; then
  # Encrypts the Gateway's cookie keys at rest. Lives in /etc, not beside the keys: a copy of /var/lib alone forges nothing.
  ( umask 077
    openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=amohealth-cookie-keys" \
      -keyout "$keys_certificate.key" -out "$keys_certificate.crt" 2>/dev/null
    cat "$keys_certificate.key" "$keys_certificate.crt" > "$keys_certificate"
    rm -f "$keys_certificate.key" "$keys_certificate.crt" )
fi
chmod 640 "$keys_certificate"
[ -z "$stage" ] && chown "root:$gateway_user" "$keys_certificate"
proxy_header=$(env_value gateway Auth__ProxyHeader); proxy_header=${proxy_header:-X-Forwarded-User}
proxy_secret=$(env_value gateway Auth__ProxySecret)
[[ "$proxy_header" =~ ^[A-Za-z0-9-]+$ ]] || { echo "Auth__ProxyHeader must be a header name (letters, digits, '-'), got '$proxy_header'" >&2; exit 1; }

step "systemd units"
render_unit() { # template, destination[, service folder, project name: the unit's write-execute lines]
  local wx; wx=$(mktemp)
  if [ $# -gt 2 ]; then write_execute "$3" "$4" > "$wx"; else : > "$wx"; fi
  sed -e "/@HARDENING@/{r $here/systemd/hardening.conf" -e 'd}' -e "/@WRITE_EXECUTE@/{r $wx" -e 'd}' "$1" |
    sed -e "s|@USER@|$user|g" -e "s|@API_USER@|$api_user|g" -e "s|@GATEWAY_USER@|$gateway_user|g" -e "s|@ETC@|$etc|g" \
        -e "s|@CURRENT@|$current|g" -e "s|@DOTNET_ROOT@|$dotnet_root|g" -e "s|@GATEWAY_STATE@|$gateway_state|g" -e "s|@DATA_PARENT@|$(dirname "$data")|g" \
        -e "s|@DATA@|$data|g" -e "s|@BACKUPS@|$backups|g" > "$2"
  rm -f "$wx"
}
render_unit "$here/systemd/amohealth-migrate.service" "$units/amohealth-migrate.service" migrator Migrator
render_unit "$here/systemd/amohealth-prober.service" "$units/amohealth-prober.service" prober Prober
render_unit "$here/systemd/amohealth-api.service" "$units/amohealth-api.service" api Api
render_unit "$here/systemd/amohealth-gateway.service" "$units/amohealth-gateway.service" gateway Gateway
for unit in amohealth-backup.service amohealth-backup.timer; do
  render_unit "$here/systemd/$unit" "$units/$unit"
done

step "nginx site"
cert="/etc/letsencrypt/live/$domain/fullchain.pem"; key="/etc/letsencrypt/live/$domain/privkey.pem"
if [ "$tls" = self-signed ] || [ ! -f "$root$cert" ]; then
  # Self-signed first (also the bootstrap for Let's Encrypt: Nginx needs a certificate to start).
  cert="$etc/tls/self-signed.crt"; key="$etc/tls/self-signed.key"
  if [ ! -f "$cert" ]; then
    mkdir -p "$etc/tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$domain" -addext "subjectAltName=DNS:$domain" \
      -keyout "$key" -out "$cert" 2>/dev/null
    chmod 600 "$key"
  fi
fi
gateway_port=$(env_value gateway PORT); gateway_port=${gateway_port:-3001}
cp "$here/nginx/security-headers.conf" "$snippets/security-headers.conf"
mkdir -p "$root/var/log/nginx"
# The status pages' cache (proxy_cache_path in the site): Nginx's workers write it.
status_cache="$root/var/cache/nginx/amohealth"
mkdir -p "$status_cache"
[ -z "$stage" ] && chown www-data:www-data "$status_cache" && chmod 700 "$status_cache"
# The site is rendered by the one renderer the tests and deploy/smoke.sh use (src/AmoHealth.Hosting).
dotnet build "$repo/src/AmoHealth.Hosting" -c Release -nologo -v q --disable-build-servers >/dev/null
hosting=$repo/artifacts/bin/AmoHealth.Hosting/release/AmoHealth.Hosting.dll
render_site() { # certificate, key
  # The values go on standard input (printf is a shell builtin): the proxy secret is never on a command line.
  # The renderer creates the file readable by root (Nginx's master) only: it holds the proxy secret.
  printf '%s\n' "SERVER_NAME=$domain" "GATEWAY_PORT=$gateway_port" "LISTEN_HOST=${listen_host%:}" \
      "HTTP_PORT=$http_port" "HTTPS_PORT=$https_port" "CERT=$1" "CERT_KEY=$2" "SNIPPETS=$snippets" "ACME_ROOT=$acme" \
      "ACCESS_LOG=$root/var/log/nginx/amohealth.access.log" \
      "HOOKS_ERROR_LOG=$root/var/log/nginx/amohealth.hooks-error.log" \
      "PROXY_HEADER=$proxy_header" "PROXY_SECRET=$proxy_secret" "CACHE_DIR=$status_cache" |
    "$dotnet_bin" "$hosting" nginx-site --template "$here/nginx/amohealth.conf.template" --out "$sites/amohealth.conf"
}
render_site "$cert" "$key"

step "switch $current -> $release"
ln -sfn "$release" "$opt/current.new" && mv -T "$opt/current.new" "$current"
ls -1dt "$opt"/releases/* | tail -n +4 | xargs -r rm -rf

if [ -n "$stage" ]; then
  echo "staged under $root"
  exit 0
fi

ln -sfn "$sites/amohealth.conf" /etc/nginx/sites-enabled/amohealth.conf
nginx -t -q
systemctl reload nginx || systemctl start nginx
if [ "$tls" = letsencrypt ] && [ ! -f "/etc/letsencrypt/live/$domain/fullchain.pem" ]; then
  step "Let's Encrypt certificate for $domain"
  if [ -n "$email" ]; then contact=(--email "$email"); else contact=(--register-unsafely-without-email); fi
  certbot certonly --webroot -w "$acme" -d "$domain" --non-interactive --agree-tos "${contact[@]}"
  render_site "/etc/letsencrypt/live/$domain/fullchain.pem" "/etc/letsencrypt/live/$domain/privkey.pem"
  nginx -t -q && systemctl reload nginx
  # Renewals: Debian's certbot timer renews; Nginx must reload to use the new certificate.
  mkdir -p /etc/letsencrypt/renewal-hooks/deploy
  printf '#!/bin/sh\nsystemctl reload nginx\n' > /etc/letsencrypt/renewal-hooks/deploy/amohealth-nginx
  chmod +x /etc/letsencrypt/renewal-hooks/deploy/amohealth-nginx
fi

step "restart in order"
systemctl daemon-reload
systemctl enable amohealth-migrate amohealth-prober amohealth-api amohealth-gateway amohealth-backup.timer >/dev/null
wait_health() {
  for _ in $(seq 1 120); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done
  echo "install: $1 did not become healthy; see journalctl -u $2" >&2; exit 1
}
# The migrate step first, on its own: if it fails, the running services are left as they are (the Prober's
# restart would fail on it anyway). The Prober's restart then runs it once more, finding the schema current.
step "migrate step (amohealth-migrate)"
systemctl start amohealth-migrate ||
  { echo "install: the migrate step failed, nothing was restarted; see journalctl -u amohealth-migrate" >&2; exit 1; }
systemctl restart amohealth-prober; wait_health http://127.0.0.1:5101/health amohealth-prober
systemctl restart amohealth-api; wait_health http://127.0.0.1:5102/health amohealth-api
systemctl restart amohealth-gateway; wait_health "http://127.0.0.1:$gateway_port/health" amohealth-gateway
systemctl start amohealth-backup.timer
echo "AmoHealth is running: https://$domain"
