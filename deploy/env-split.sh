#!/usr/bin/env bash
# Splits the single environment file of installations before 2026-12 (/etc/amohealth/amohealth.env, read by
# all three services) into one file per service, so each service gets only its own settings:
#
#   deploy/env-split.sh OLD_FILE ETC_DIR GATEWAY_STATE_DIR
#
# Writes ETC_DIR/{common,prober,api,gateway}.env (0600) and renames OLD_FILE to OLD_FILE.split (0600, kept for
# reference; delete it once the services run). Keys the script does not know go to the Prober, which reads
# the most settings. Sourced by install.sh; runnable by hand. Values pass through files only, never argv.
set -euo pipefail

amohealth_env_targets() { # key -> the files it belongs in
  case "$1" in
    ASPNETCORE_ENVIRONMENT|DOTNET_*|OTEL_*|Logging__*|ConnectionStrings__*|CHECK_INTERVAL|Alerts__Language) echo common ;;
    Storage__Path|Storage__*) echo "prober api" ;;
    MATTERMOST_WEBHOOK_URL|Notifications__Mattermost__Url) echo "prober api" ;;
    Stream__*|Dashboard__*) echo api ;;
    PORT|Auth__*|Gateway__*|ReverseProxy__*|services__*) echo gateway ;;
    Internal__*) echo "prober api gateway" ;;
    *) echo prober ;;
  esac
}

amohealth_split_env() { # old file, etc dir, gateway state dir
  local old=$1 etc=$2 gateway_state=$3 line key target
  ( umask 077
    for target in common prober api gateway; do : > "$etc/$target.env.new"; done
    while IFS= read -r line || [ -n "$line" ]; do
      [[ $line =~ ^([A-Za-z_][A-Za-z0-9_]*)= ]] || continue
      key=${BASH_REMATCH[1]}
      # The cookie keys move to the Gateway's own folder (the old ones were not encrypted: they are not copied).
      [ "$key" = Auth__KeysDirectory ] && line="Auth__KeysDirectory=$gateway_state/keys"
      for target in $(amohealth_env_targets "$key"); do printf '%s\n' "$line" >> "$etc/$target.env.new"; done
    done < "$old"
    for target in common prober api gateway; do mv "$etc/$target.env.new" "$etc/$target.env"; done
  )
  mv "$old" "$old.split"
  chmod 600 "$old.split"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  [ $# -eq 3 ] || { sed -n '2,10p' "$0"; exit 2; }
  amohealth_split_env "$@"
fi
