-- Workspace procedures check, in their membership query, that the caller's session (refresh
-- family) has not ended, so signing out or a password change ends its access tokens at once.
-- The application role reads only these columns, and RLS keeps it to its workspace's rows.
GRANT SELECT (family_id, workspace_id, used_at, revoked_at, expires_at) ON refresh_sessions TO transmute_app;
