-- Every table with a workspace_id is tenant data: RLS enabled and forced, one policy for reads
-- and writes. The application role gets only what the API does with each.
GRANT SELECT, INSERT ON audit_events TO transmute_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (revoked_at) ON invitations TO transmute_app;--> statement-breakpoint
-- Owners delete their workspace from inside its tenant transaction; children go by cascade.
GRANT DELETE ON workspaces TO transmute_app;--> statement-breakpoint

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Sign-in runs before there is a tenant, as the owner; the application role never needs these
-- rows, and the policy keeps it that way should a grant ever be added.
ALTER TABLE refresh_sessions ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE refresh_sessions FORCE ROW LEVEL SECURITY;--> statement-breakpoint

CREATE POLICY tenant_isolation ON audit_events TO transmute_app
  USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid)
  WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY tenant_isolation ON invitations TO transmute_app
  USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid)
  WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY tenant_isolation ON refresh_sessions TO transmute_app
  USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid)
  WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);
