-- The read-only Postgres role of Grafana's "Hamiltix Postgres" datasource in docker compose.
-- Run by the compose service `grafana-db-role` after every `migrate` (idempotent), so it also
-- reaches a database created before this file, and the tables exist when it grants.
-- SELECT on exactly the columns the dashboards' SQL panels read: never buyer names,
-- e-mails, access tokens or payment references. deploy/test/ops-dashboards.spec.ts runs
-- every SQL panel as this role. The password is the development one of docker-compose.yml.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grafana_ro') THEN
    CREATE ROLE grafana_ro LOGIN PASSWORD 'hamiltix-grafana-ro';
  END IF;
END
$$;
ALTER ROLE grafana_ro SET default_transaction_read_only = on;
GRANT USAGE ON SCHEMA public TO grafana_ro;
GRANT SELECT (id, status, quantity, total_cents, broker_reference, failure_reason, created_at, updated_at)
  ON orders TO grafana_ro;
GRANT SELECT (subject, created_at, published_at, attempts, last_error) ON outbox TO grafana_ro;
