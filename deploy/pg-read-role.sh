#!/usr/bin/env bash
# With Storage__Provider=postgres, gives the Api its own PostgreSQL login that may only read:
#
#   deploy/pg-read-role.sh ETC_DIR
#
# Creates the role amohealth_api (or gives it a new password) through the Prober's connection string (its role
# needs CREATEROLE, or create the role yourself as shown in the README), writes the Api's connection string
# (Username=amohealth_api, a generated password) into ETC_DIR/api.env (0600) and Storage__ReadRole into
# ETC_DIR/prober.env: the migrate step (AmoHealth.Migrator, the unit amohealth-migrate) grants the role SELECT on every table each time it runs. Does nothing when
# api.env already logs in as amohealth_api, or on SQLite. Sourced by install.sh; runnable by hand. Passwords
# reach psql through its environment and standard input, never argv.
set -euo pipefail

amohealth_pg_read_role() { # etc directory
  local etc=$1 role=amohealth_api conn password part key value host port database user secret
  grep -qsh '^Storage__Provider=postgres' "$etc/common.env" "$etc/prober.env" || return 0
  grep -q '^Storage__ReadRole=' "$etc/prober.env" || ( umask 077; printf 'Storage__ReadRole=%s\n' "$role" >> "$etc/prober.env" )
  grep -qi "^ConnectionStrings__amohealth=.*\(username\|user id\|user\)=$role\(;\|\$\)" "$etc/api.env" && return 0
  conn=$(sed -n 's/^ConnectionStrings__amohealth=//p' "$etc/prober.env" | tail -1)
  [ -n "$conn" ] || { echo "pg-read-role: Storage__Provider=postgres needs ConnectionStrings__amohealth in $etc/prober.env" >&2; return 1; }
  command -v psql >/dev/null || { echo "pg-read-role: psql is needed to create the Api's role $role (apt-get install postgresql-client)" >&2; return 1; }
  host=127.0.0.1; port=5432; database=amohealth; user=""; secret=""
  local IFS=';'
  for part in $conn; do
    key=$(printf '%s' "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' '); value=${part#*=}
    case "$key" in
      host|server) host=$value ;;
      port) port=$value ;;
      database) database=$value ;;
      username|userid|user) user=$value ;;
      password) secret=$value ;;
    esac
  done
  unset IFS
  password=$(openssl rand -hex 24)
  if ! printf "DO \$\$ BEGIN CREATE ROLE %s LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END \$\$;\nALTER ROLE %s LOGIN PASSWORD '%s';\n" \
      "$role" "$role" "$password" |
      PGHOST=$host PGPORT=$port PGDATABASE=postgres PGUSER=$user PGPASSWORD=$secret psql -X -q -v ON_ERROR_STOP=1 >/dev/null; then
    echo "pg-read-role: could not create the role $role as '$user' (it needs CREATEROLE). Create it as an administrator" >&2
    echo "  (CREATE ROLE $role LOGIN PASSWORD '...'), then set ConnectionStrings__amohealth in $etc/api.env with Username=$role." >&2
    return 1
  fi
  local text
  text=$(grep -v '^ConnectionStrings__amohealth=' "$etc/api.env" || true)
  ( umask 077
    printf '%s\nConnectionStrings__amohealth=Host=%s;Port=%s;Database=%s;Username=%s;Password=%s\n' \
      "$text" "$host" "$port" "$database" "$role" "$password" > "$etc/api.env.new" )
  mv -f "$etc/api.env.new" "$etc/api.env"
  grep -qsh '^Storage__Provider=postgres' "$etc/common.env" "$etc/api.env" ||
    ( umask 077; printf 'Storage__Provider=postgres\n' >> "$etc/api.env" )
  echo "   the Api logs in to PostgreSQL as $role (SELECT only); its password is in $etc/api.env"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  [ $# -eq 1 ] || { echo "usage: deploy/pg-read-role.sh ETC_DIR" >&2; exit 2; }
  amohealth_pg_read_role "$1"
fi
