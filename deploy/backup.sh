#!/usr/bin/env bash
# Back up the database (pg_dump, custom format) and the media directories (tar) into one new
# directory: deploy/backup.sh [DIR]  (default: ${BACKUP_DIR:-./backups}/<UTC timestamp>).
# Reads DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT like the site. With S3 storage the
# buckets are not copied here: use the buckets' versioning (docs/operations.md).
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL names the database to back up}"

umask 077  # a backup holds restricted data: readable by its owner only
dest="${1:-${BACKUP_DIR:-./backups}}/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$dest"

pg_dump --format=custom --no-owner --no-privileges --file "$dest/database.dump" "$DATABASE_URL"

for name in media private; do
  var="MEDIA_ROOT"; [ "$name" = private ] && var="PRIVATE_MEDIA_ROOT"
  dir="${!var:-}"
  if [ -n "$dir" ] && [ -d "$dir" ]; then
    tar -C "$dir" -czf "$dest/$name.tar.gz" .
  fi
done

(cd "$dest" && sha256sum -- * > SHA256SUMS)
echo "$dest"
