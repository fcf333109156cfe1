#!/usr/bin/env bash
# Consistent online backup of AmoHealth's SQLite database while the services run: SQLite's backup API
# (sqlite3 .backup) copies a single point in time, WAL included. The copy is checked, compressed and the
# newest KEEP (default 14) are kept.
# Usage: deploy/backup.sh [DIR]   (DIR default /var/backups/amohealth; database from Storage__Path)
set -euo pipefail

dir=${1:-/var/backups/amohealth}
db=${Storage__Path:-/var/lib/amohealth/health_checks.db}
keep=${KEEP:-14}
command -v sqlite3 >/dev/null || { echo "backup: sqlite3 is needed (apt-get install sqlite3)" >&2; exit 1; }
[ -f "$db" ] || { echo "backup: no database at $db (set Storage__Path)" >&2; exit 1; }

mkdir -p "$dir"
umask 077
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
copy="$dir/health_checks-$stamp.db"
sqlite3 -cmd ".timeout 30000" "$db" ".backup '$copy'"
check=$(sqlite3 "$copy" "PRAGMA integrity_check;")
if [ "$check" != "ok" ]; then
  echo "backup: the copy failed its integrity check: $check" >&2
  rm -f "$copy"
  exit 1
fi
rows=$(sqlite3 "$copy" "SELECT count(*) FROM health_checks;")
gzip -9 "$copy"
ls -1t "$dir"/health_checks-*.db.gz 2>/dev/null | tail -n +$((keep + 1)) | xargs -r rm -f
echo "backup: $copy.gz ($rows results)"
