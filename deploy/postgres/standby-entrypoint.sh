#!/bin/bash
# The synchronous standby: on an empty data folder, a copy of the primary by pg_basebackup (-R
# makes it a standby that streams from it), named so that the primary waits for it; then the server.
set -euo pipefail
PGDATA=${PGDATA:-/var/lib/postgresql/data}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -q -h "$PRIMARY_HOST" -U replicator; do sleep 1; done
  pg_basebackup -h "$PRIMARY_HOST" -U replicator -D "$PGDATA" -R -X stream --checkpoint=fast
  echo "primary_conninfo = 'host=$PRIMARY_HOST user=replicator password=$PGPASSWORD application_name=standby'" >> "$PGDATA/postgresql.auto.conf"
fi
chmod 0700 "$PGDATA"
exec postgres -D "$PGDATA"
