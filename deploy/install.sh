#!/usr/bin/env bash
# Installs or upgrades AmoHealth on one Debian/Ubuntu host behind Nginx. Idempotent: rerun it to upgrade.
#
#   sudo deploy/install.sh --domain monitor.example.com [--email ops@example.com] [--tls letsencrypt|self-signed]
#
# What it does, in order: installs Redis, Nginx, SQLite and OpenSSL from the distribution; creates the
# system user `amohealth`; publishes Prober, Api and Gateway (Release, with the dashboard) into a new
# /opt/amohealth/releases/<time>; keeps data, tokens and keys in /var/lib/amohealth and configuration in
# /etc/amohealth/amohealth.env (0600, created once, never overwritten); installs the systemd units (notify,
# auto-restart, 500 MB cap, hardening) and the daily backup timer; renders the Nginx site (HTTP -> HTTPS,
# TLS, unbuffered SSE, /hooks/ passed through, security headers); switches /opt/amohealth/current to the new
# release and restarts the services in order (Prober, which migrates the schema, then Api, then Gateway),
# each only after the previous one answers /health. Old releases beyond the last three are removed.
#
# --stage DIR does all of the file work under DIR instead of /, without root, packages, users or systemd:
# deploy/smoke.sh uses it to test the same layout on a private Nginx.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
domain=""; email=""; tls=letsencrypt; stage=""; http_port=80; https_port=443; listen_host=""
while [ $# -gt 0 ]; do
  case "$1" in
    --domain) domain=$2; shift 2 ;;
    --email) email=$2; shift 2 ;;
    --tls) tls=$2; shift 2 ;;
    --stage) stage=$2; shift 2 ;;
    --http-port) http_port=$2; shift 2 ;;
    --https-port) https_port=$2; shift 2 ;;
    --listen) listen_host="$2:"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "install: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$domain" ] || { echo "install: --domain is required (the public name amoCRM and users reach)" >&2; exit 2; }
case "$tls" in letsencrypt|self-signed) ;; *) echo "install: --tls must be letsencrypt or self-signed" >&2; exit 2 ;; esac
if [ -z "$stage" ] && [ "$(id -u)" -ne 0 ]; then echo "install: run as root (sudo), or use --stage DIR" >&2; exit 1; fi

root=${stage:+$(mkdir -p "$stage" && cd "$stage" && pwd)}
user=amohealth
opt="$root/opt/amohealth"
current="$opt/current"
etc="$root/etc/amohealth"
env_file="$etc/amohealth.env"
data="$root/var/lib/amohealth"
backups="$root/var/backups/amohealth"
units="$root/etc/systemd/system"
sites="$root/etc/nginx/sites-available"
snippets="$root/etc/nginx/snippets/amohealth"
acme="$root/var/www/letsencrypt"
release="$opt/releases/$(date -u +%Y%m%dT%H%M%SZ)"
dotnet_bin=$(command -v dotnet || echo /usr/bin/dotnet)
step() { echo "== $*"; }

if [ -z "$stage" ]; then
  step "packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq redis-server nginx sqlite3 openssl curl >/dev/null
  [ "$tls" = letsencrypt ] && apt-get install -y -qq certbot >/dev/null
  command -v dotnet >/dev/null || { echo "install: the .NET 10 SDK is needed to publish (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2; exit 1; }
  command -v node >/dev/null || { echo "install: Node.js 20.19+ is needed to build the dashboard" >&2; exit 1; }
  systemctl enable --now redis-server >/dev/null
  step "user $user"
  id "$user" >/dev/null 2>&1 || useradd --system --home-dir /var/lib/amohealth --shell /usr/sbin/nologin "$user"
fi

step "directories"
mkdir -p "$opt/releases" "$etc" "$data/keys" "$data/tokens" "$backups" "$units" "$sites" "$snippets" "$acme"
chmod 700 "$data" "$data/keys" "$data/tokens" "$backups"
[ -z "$stage" ] && chown -R "$user:$user" "$data" "$backups"

step "publish into $release"
for service in Prober Api Gateway; do
  lower=$(echo "$service" | tr '[:upper:]' '[:lower:]')
  dotnet publish "$repo/src/AmoHealth.$service" -c Release -o "$release/$lower" -nologo -v q
done
mkdir -p "$release/deploy"
cp "$here"/backup.sh "$release/deploy/"
cp "$repo/README.md" "$release/"

if [ ! -f "$env_file" ]; then
  step "configuration $env_file (new)"
  secret=$(openssl rand -hex 20)
  password=${AMOHEALTH_ADMIN_PASSWORD:-$(openssl rand -base64 18)}
  hash=$(printf '%s\n' "$password" | "$dotnet_bin" "$release/gateway/AmoHealth.Gateway.dll" hash-password)
  umask 077
  sed -e "s|@HOOK_SECRET@|$secret|" -e "s|@PASSWORD_HASH@|$hash|" -e "s|@PROXY_SECRET@|$(openssl rand -hex 24)|" \
      -e "s|^PUBLIC_URL=.*|PUBLIC_URL=https://$domain|" \
      -e "s|/var/lib/amohealth|$data|g" "$here/amohealth.env.example" > "$env_file"
  chmod 600 "$env_file"
  [ -z "${AMOHEALTH_ADMIN_PASSWORD:-}" ] && echo "   dashboard user 'admin', password: $password  (shown once; change Auth__PasswordHash to replace it)"
  echo "   edit $env_file: AMOCRM_DOMAIN, AMOCRM_ACCESS_TOKEN, MATTERMOST_WEBHOOK_URL"
else
  step "configuration $env_file (kept)"
  # Installations from before the proxy secret get one, once.
  if ! grep -q '^Auth__ProxySecret=' "$env_file"; then
    printf 'Auth__ProxyHeader=X-Forwarded-User\nAuth__ProxySecret=%s\n' "$(openssl rand -hex 24)" >> "$env_file"
  fi
fi
proxy_header=$(sed -n 's/^Auth__ProxyHeader=//p' "$env_file"); proxy_header=${proxy_header:-X-Forwarded-User}
proxy_secret=$(sed -n 's/^Auth__ProxySecret=//p' "$env_file")
[[ "$proxy_header" =~ ^[A-Za-z0-9-]+$ ]] || { echo "Auth__ProxyHeader must be a header name (letters, digits, '-'), got '$proxy_header'" >&2; exit 1; }

step "systemd units"
render_unit() { # template, destination
  sed -e "/@HARDENING@/{r $here/systemd/hardening.conf" -e 'd}' "$1" |
    sed -e "s|@USER@|$user|g" -e "s|@ENV_FILE@|$env_file|g" -e "s|@CURRENT@|$current|g" -e "s|@DOTNET@|$dotnet_bin|g" \
        -e "s|@DATA_PARENT@|$(dirname "$data")|g" -e "s|@DATA@|$data|g" -e "s|@BACKUPS@|$backups|g" > "$2"
}
for unit in amohealth-prober.service amohealth-api.service amohealth-gateway.service amohealth-backup.service amohealth-backup.timer; do
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
gateway_port=$(sed -n 's/^PORT=//p' "$env_file"); gateway_port=${gateway_port:-3001}
https_suffix=""; [ "$https_port" != 443 ] && https_suffix=":$https_port"
cp "$here/nginx/security-headers.conf" "$snippets/security-headers.conf"
mkdir -p "$root/var/log/nginx"
render_site() { # certificate, key
  sed -e "s|@SERVER_NAME@|$domain|g" -e "s|@GATEWAY_PORT@|$gateway_port|g" -e "s|@HTTP_PORT@|$http_port|g" \
      -e "s|@HTTPS_PORT@|$https_port|g" -e "s|@HTTPS_SUFFIX@|$https_suffix|g" -e "s|@LISTEN_HOST@|$listen_host|g" \
      -e "s|@CERT@|$1|g" -e "s|@CERT_KEY@|$2|g" -e "s|@SNIPPETS@|$snippets|g" -e "s|@ACME_ROOT@|$acme|g" \
      -e "s|@ACCESS_LOG@|$root/var/log/nginx/amohealth.access.log|g" \
      -e "s|@PROXY_HEADER@|$proxy_header|g" -e "s|@PROXY_SECRET@|$proxy_secret|g" \
      "$here/nginx/amohealth.conf.template" > "$sites/amohealth.conf"
  # The site holds the proxy secret: readable by root (Nginx's master) only.
  chmod 600 "$sites/amohealth.conf"
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
systemctl enable amohealth-prober amohealth-api amohealth-gateway amohealth-backup.timer >/dev/null
wait_health() {
  for _ in $(seq 1 120); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done
  echo "install: $1 did not become healthy; see journalctl -u $2" >&2; exit 1
}
systemctl restart amohealth-prober; wait_health http://127.0.0.1:5101/health amohealth-prober
systemctl restart amohealth-api; wait_health http://127.0.0.1:5102/health amohealth-api
systemctl restart amohealth-gateway; wait_health "http://127.0.0.1:$gateway_port/health" amohealth-gateway
systemctl start amohealth-backup.timer
echo "AmoHealth is running: https://$domain"
