-- Tenant isolation, second layer: row-level security enforced for the application role.
-- Tenant work runs inside a transaction that sets `role` to transmute_app and
-- `app.workspace_id` (both with set_config(..., true), so they end with the transaction and
-- a pooled connection carries nothing to the next request).

-- Roles are cluster-wide; two databases migrating at once may race to create it.
DO $$
BEGIN
  CREATE ROLE transmute_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;--> statement-breakpoint

-- The connecting (owner) role must be able to SET ROLE to it.
DO $$
BEGIN
  EXECUTE format('GRANT transmute_app TO %I', current_user);
EXCEPTION WHEN others THEN
  NULL;
END
$$;--> statement-breakpoint

GRANT USAGE ON SCHEMA public TO transmute_app;--> statement-breakpoint
GRANT SELECT, UPDATE (name, updated_at) ON workspaces TO transmute_app;--> statement-breakpoint
GRANT SELECT, UPDATE (role), DELETE ON memberships TO transmute_app;--> statement-breakpoint
-- Never the password hash.
GRANT SELECT (id, email, name, created_at) ON users TO transmute_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON documents TO transmute_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON transformations TO transmute_app;--> statement-breakpoint

ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE workspaces FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE documents FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE transformations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE transformations FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- nullif: an unset setting reads as '' after first use in a session; it must match nothing.
CREATE POLICY tenant_isolation ON workspaces TO transmute_app
  USING (id = nullif(current_setting('app.workspace_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY tenant_isolation ON memberships TO transmute_app
  USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid)
  WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY tenant_isolation ON documents TO transmute_app
  USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid)
  WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY tenant_isolation ON transformations TO transmute_app
  USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid)
  WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);
