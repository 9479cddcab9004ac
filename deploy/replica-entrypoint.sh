#!/usr/bin/env bash
# The hot standby's entrypoint (postgres:16 image): on first start it copies the primary with
# pg_basebackup -R (writing standby.signal and primary_conninfo), then runs PostgreSQL as a streaming
# hot standby. Later starts reuse the copy and resume streaming where they stopped.
set -euo pipefail
PGDATA="${PGDATA:-/var/lib/postgresql/data}"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  until pg_isready -h "$PRIMARY_HOST" -p 5432 -q; do
    echo "replica: waiting for the primary at $PRIMARY_HOST"
    sleep 1
  done
  echo "replica: copying the primary with pg_basebackup"
  # The password goes in the connection string so that -R writes it into primary_conninfo.
  gosu postgres pg_basebackup \
    -d "host=$PRIMARY_HOST port=5432 user=$REPLICATION_USER password=$REPLICATION_PASSWORD application_name=db-replica" \
    -D "$PGDATA" -R -X stream -c fast
fi

# hot_standby_feedback: long reports on the standby are not cancelled by the primary's vacuum.
exec gosu postgres postgres -D "$PGDATA" -c hot_standby=on -c hot_standby_feedback=on
