#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database and empty media directories:
#   DATABASE_URL=... PRIVATE_MEDIA_ROOT=... MEDIA_ROOT=... deploy/restore.sh BACKUP_DIR
# Refuses to write over a database that has tables, or a media directory that has files.
set -euo pipefail
src="${1:?usage: restore.sh BACKUP_DIR}"
: "${DATABASE_URL:?DATABASE_URL names the empty database to restore into}"

(cd "$src" && sha256sum --check --quiet SHA256SUMS)

tables=$(psql "$DATABASE_URL" -XtAc \
  "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")
if [ "$tables" != "0" ]; then
  echo "restore.sh: the target database has $tables tables; restore only into an empty one" >&2
  exit 1
fi

for name in media private; do
  var="MEDIA_ROOT"; [ "$name" = private ] && var="PRIVATE_MEDIA_ROOT"
  dir="${!var:-}"
  if [ -f "$src/$name.tar.gz" ] && [ -n "$dir" ] && [ -d "$dir" ] \
      && [ -n "$(ls -A "$dir")" ]; then
    echo "restore.sh: $var ($dir) is not empty" >&2
    exit 1
  fi
done

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname "$DATABASE_URL" "$src/database.dump"

for name in media private; do
  var="MEDIA_ROOT"; [ "$name" = private ] && var="PRIVATE_MEDIA_ROOT"
  dir="${!var:-}"
  if [ -f "$src/$name.tar.gz" ] && [ -n "$dir" ]; then
    mkdir -p "$dir"
    tar -C "$dir" -xzf "$src/$name.tar.gz"
  fi
done
echo "restored $src"
