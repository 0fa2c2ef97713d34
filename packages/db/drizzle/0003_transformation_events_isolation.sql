-- The event log is tenant data like the rows it describes: same grants, same policy.
GRANT SELECT, INSERT ON transformation_events TO transmute_app;--> statement-breakpoint
GRANT USAGE ON SEQUENCE transformation_events_seq_seq TO transmute_app;--> statement-breakpoint
ALTER TABLE transformation_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE transformation_events FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON transformation_events TO transmute_app
  USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid)
  WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);
