#!/usr/bin/env bash
# Restores AmoHealth's SQLite database from a backup made by deploy/backup.sh (.db.gz or .db).
# In order: checks the backup (PRAGMA integrity_check) before touching anything; stops the services; removes the
# database's -wal and -shm (a WAL left by the old database would otherwise be replayed over the restored file);
# carries the current OAuth pairs over and keeps the replaced database as .pre-restore;
# puts the backup in place; checks it again where it lies; gives it back to the Prober's user; starts the services.
# Usage: sudo deploy/restore.sh BACKUP   (database from Storage__Path, default /var/lib/amohealth/health_checks.db;
#        OWNER, default amohealth:amohealth, owns the restored file)
set -euo pipefail

backup=${1:-}
db=${Storage__Path:-/var/lib/amohealth/health_checks.db}
owner=${OWNER:-amohealth:amohealth}
units=(amohealth-gateway amohealth-api amohealth-prober)
[ -n "$backup" ] || { echo "usage: deploy/restore.sh BACKUP (a health_checks-*.db.gz from deploy/backup.sh)" >&2; exit 2; }
[ -f "$backup" ] || { echo "restore: no backup at $backup" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "restore: sqlite3 is needed (apt-get install sqlite3)" >&2; exit 1; }
dir=$(dirname "$db")
[ -d "$dir" ] || { echo "restore: no folder $dir for the database (set Storage__Path)" >&2; exit 1; }

# Unpacked beside the database, so the final move is a rename on one file system.
umask 077
work=$(mktemp "$dir/.restore-XXXXXX")
trap 'rm -f "$work" "$work-wal" "$work-shm"' EXIT
case "$backup" in
  *.gz) gzip -dc "$backup" > "$work" ;;
  *) cp "$backup" "$work" ;;
esac
check=$(sqlite3 "$work" "PRAGMA integrity_check;" 2>&1) || true
[ "$check" = ok ] || { echo "restore: the backup failed its integrity check, nothing was changed: $check" >&2; exit 1; }

echo "restore: stopping ${units[*]}"
systemctl stop "${units[@]}"
if [ -f "$db" ]; then
  # The backup's OAuth pairs are spent (amoCRM accepts each refresh token once): the current ones carry over,
  # read with the current database's WAL, before that WAL goes.
  live=${db//\'/\'\'}
  sqlite3 "$work" "ATTACH '$live' AS live; BEGIN; DELETE FROM oauth_tokens; INSERT INTO oauth_tokens SELECT * FROM live.oauth_tokens; COMMIT;" 2>/dev/null ||
    echo "restore: warning: the current OAuth pairs could not be carried over; with OAuth, authorise again if the Prober reports auth_failed" >&2
  # Kept until the next restore, whole (its WAL folded in): a restore that fails below loses nothing.
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  mv -f "$db" "$db.pre-restore"
  echo "restore: the database it replaces is kept as $db.pre-restore"
fi
rm -f "$db-wal" "$db-shm"
mv -f "$work" "$db"
check=$(sqlite3 "$db" "PRAGMA integrity_check;" 2>&1) || true
[ "$check" = ok ] || { echo "restore: $db failed its integrity check after the move: $check; the services stay stopped" >&2; exit 1; }
rows=$(sqlite3 "$db" "SELECT count(*) FROM health_checks;")
# Reading it may have left a -wal/-shm behind (owned by whoever ran this): gone before the services start. The
# Prober, which starts first, creates them again and keeps them; the Api (read-only) starts after it.
rm -f "$db-wal" "$db-shm"
chown "$owner" "$db"
chmod 640 "$db" # as install.sh leaves it: the Api reads through the group, and only reads

echo "restore: starting the services"
systemctl start amohealth-prober amohealth-api amohealth-gateway
echo "restore: $db restored from $backup ($rows results)"
