#!/bin/bash
# The primary's first start (the official image runs /docker-entrypoint-initdb.d/* once, on an
# empty data folder): a role the standby replicates as, the appender role the ledger grants
# reading and appending to, and replication allowed over the compose network.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD}';
CREATE ROLE ledger_appender NOLOGIN;
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
# From the real start on, every commit waits until a standby has flushed it. Set last, and not on
# the command line: the commits of this init would otherwise wait for a standby not yet there.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -c "ALTER SYSTEM SET synchronous_standby_names = '*'"
