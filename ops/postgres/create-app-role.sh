#!/bin/sh
# Runs once, when the postgres container initialises its volume (docker-entrypoint-initdb.d):
# the login role the server and worker use. It owns nothing and cannot bypass row-level
# security; the migrations (run as POSTGRES_USER, the owner) give it what it may do.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=password="$TRANSMUTE_APP_PASSWORD" <<'SQL'
CREATE ROLE transmute_app LOGIN PASSWORD :'password' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
SQL
