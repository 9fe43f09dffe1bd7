#!/usr/bin/env bash
# Makes sure a local PostgreSQL runs and has the role the integration tests use, and gives them an empty
# database (srooter_it). Installs and starts Debian's PostgreSQL when it is missing or down (needs root).
set -euo pipefail
export PGPASSWORD=srooter-it
psql_ok() { psql -h 127.0.0.1 -U srooter -d postgres -Atc "select 1" >/dev/null 2>&1; }
if ! psql_ok; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
  # shellcheck disable=SC2086
  pg_ctlcluster $cluster start 2>/dev/null || true
  for _ in $(seq 1 30); do
    su postgres -c "psql -Atc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -c "psql -v ON_ERROR_STOP=1 -Atc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'srooter') THEN CREATE ROLE srooter LOGIN CREATEDB PASSWORD 'srooter-it'; END IF; END \\\$\\\$;\"" >/dev/null
fi
psql -h 127.0.0.1 -U srooter -d postgres -q -c "DROP DATABASE IF EXISTS srooter_it WITH (FORCE)" -c "CREATE DATABASE srooter_it"
echo "PostgreSQL ready: database srooter_it on 127.0.0.1:5432"
