-- Least privilege: the server and worker log in as transmute_app itself (not as the owner, then
-- lowering themselves), so a statement outside a tenant transaction, or a `reset role`, sees no
-- tenant rows. What must cross tenants goes through the policies and functions below.
--
-- Contexts, both transaction-local (set_config(..., true)):
--   app.workspace_id  a tenant transaction (workspace procedures, jobs)
--   app.user_id       a person's own rows (sign-in, sessions, their workspaces)

-- Logging in needs LOGIN; the password is the operator's (docker-compose sets it). A migrator
-- without CREATEROLE cannot do this, and the operator creates the role as the README says.
-- The role is cluster-wide: databases migrating at once race for it ("tuple concurrently
-- updated"), and the loser finds it done.
DO $$
BEGIN
  IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'transmute_app') THEN
    ALTER ROLE transmute_app LOGIN;
  END IF;
EXCEPTION
  WHEN insufficient_privilege THEN
    RAISE NOTICE 'transmute_app could not be given LOGIN; create it as a login role yourself';
  WHEN internal_error THEN
    NULL;
END
$$;--> statement-breakpoint

-- FORCEd row-level security binds the owner too. The owner runs only migrations and the
-- SECURITY DEFINER functions below, which must see the rows they look up.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'workspaces', 'memberships', 'api_keys', 'refresh_sessions',
                           'invitations', 'transformations']
  LOOP
    EXECUTE format('CREATE POLICY definer_access ON %I TO %I USING (true) WITH CHECK (true)',
                   t, current_user);
  END LOOP;
END
$$;--> statement-breakpoint

-- Accounts: a person sees and changes their own row; a tenant transaction sees the people its
-- workspace names (members, and whoever its audit log mentions, who may have left since).
ALTER TABLE users ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT INSERT (id, email, name, password_hash, created_at), UPDATE (password_hash) ON users TO transmute_app;--> statement-breakpoint
CREATE POLICY own_account ON users TO transmute_app
  USING (id = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY named_in_workspace ON users FOR SELECT TO transmute_app
  USING (
    nullif(current_setting('app.workspace_id', true), '') is not null
    and (exists (select 1 from memberships m where m.user_id = users.id)
         or exists (select 1 from audit_events a where a.actor_id = users.id or a.target_id = users.id::text))
  );--> statement-breakpoint

-- A person's memberships and the workspaces they belong to, whichever workspace is current.
GRANT INSERT ON memberships TO transmute_app;--> statement-breakpoint
GRANT INSERT ON workspaces TO transmute_app;--> statement-breakpoint
CREATE POLICY own_memberships ON memberships FOR SELECT TO transmute_app
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY member_of ON workspaces FOR SELECT TO transmute_app
  USING (exists (select 1 from memberships m
                 where m.workspace_id = workspaces.id
                   and m.user_id = nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint

-- Sessions: a person's own, to sign in, refresh, list and end them.
GRANT SELECT, INSERT, UPDATE (used_at, revoked_at, workspace_id) ON refresh_sessions TO transmute_app;--> statement-breakpoint
CREATE POLICY own_sessions ON refresh_sessions TO transmute_app
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint

-- Accepting an invitation spends it in its workspace's tenant transaction.
GRANT UPDATE (accepted_at, accepted_by) ON invitations TO transmute_app;--> statement-breakpoint

-- Sign-in throttling is keyed by address and email, not by tenant.
GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO transmute_app;--> statement-breakpoint

-- The lookups that come before any context is known: each takes the one secret or address it
-- needs and returns one row, with a fixed search_path so no caller's objects can stand in.
CREATE FUNCTION sign_in_account(p_email text)
  RETURNS TABLE (id uuid, email text, name text, password_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$ select u.id, u.email, u.name, u.password_hash from public.users u where u.email = p_email $$;--> statement-breakpoint

-- Finds a key (and its workspace) by its hash and stamps its last use at most once a minute, in
-- one round trip.
CREATE FUNCTION api_key_by_hash(p_hash text)
  RETURNS TABLE (id uuid, scopes text[], revoked boolean, expired boolean, workspace_id uuid,
                 workspace_name text, workspace_created_at timestamptz, workspace_updated_at timestamptz)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
    with found as (
      select k.workspace_id, k.id, k.scopes, k.revoked_at, k.expires_at, k.last_used_at
      from public.api_keys k where k.key_hash = p_hash
    ), stamped as (
      update public.api_keys k set last_used_at = now()
      from found f
      where k.workspace_id = f.workspace_id and k.id = f.id
        and f.revoked_at is null and coalesce(f.expires_at > now(), true)
        and coalesce(k.last_used_at < now() - interval '60 seconds', true)
    )
    select f.id, f.scopes, f.revoked_at is not null, coalesce(f.expires_at <= now(), false),
           w.id, w.name, w.created_at, w.updated_at
    from found f join public.workspaces w on w.id = f.workspace_id
  $$;--> statement-breakpoint

-- Whose session a refresh token belongs to; the caller then works under that person's context.
CREATE FUNCTION refresh_token_owner(p_hash text)
  RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$ select s.user_id from public.refresh_sessions s where s.token_hash = p_hash $$;--> statement-breakpoint

-- The workspace of an invitation token, so that accepting it can enter that tenant.
CREATE FUNCTION invitation_workspace(p_hash text)
  RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$ select i.workspace_id from public.invitations i where i.token_hash = p_hash $$;--> statement-breakpoint

-- Transformations still running long after their deadline: the sweeper requeues each in its own
-- tenant transaction.
CREATE FUNCTION abandoned_transformations(p_started_before timestamptz, p_limit integer)
  RETURNS TABLE (workspace_id uuid, id uuid, attempts integer, job_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
    select t.workspace_id, t.id, t.attempts, t.job_id from public.transformations t
    where t.status = 'running' and t.started_at < p_started_before
    limit p_limit
  $$;--> statement-breakpoint

DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['sign_in_account(text)', 'api_key_by_hash(text)',
                           'refresh_token_owner(text)', 'invitation_workspace(text)',
                           'abandoned_transformations(timestamptz, integer)']
  LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO transmute_app', f);
  END LOOP;
END
$$;
