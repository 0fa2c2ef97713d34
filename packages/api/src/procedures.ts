import {
  and,
  eq,
  memberships,
  queryRows,
  roles,
  sql,
  withTenant,
  withUser,
  workspaces,
  type Database,
  type Role,
} from "@transmute/db";
import { authenticateApiKey, type AuthenticatedKey } from "./api-keys";
import { sessionEnded, sessionIsLive } from "./auth/live-session";
import type { Session } from "./context";
import { publicProcedure, TRPCError, type ProcedureMeta } from "./trpc";

type Workspace = typeof workspaces.$inferSelect;

export { publicProcedure };

/**
 * Who is acting in a workspace procedure: a member with a role, or an API key of the workspace
 * (whose scopes were checked at the gate). A key belongs to the workspace, not to its maker.
 */
export type Actor =
  { kind: "member"; userId: string; role: Role } | { kind: "apiKey"; keyId: string };
export type Member = Extract<Actor, { kind: "member" }>;

/** The user to credit with a change (`createdBy`); a key's changes are nobody's. */
export const actingUserId = (actor: Actor): string | null =>
  actor.kind === "member" ? actor.userId : null;

/**
 * The member calling a people-only procedure. Keys never get this far (such procedures declare
 * no scope); this tells the type checker so, and would refuse one should a scope be added.
 */
export function asMember(actor: Actor): Member {
  if (actor.kind !== "member") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Only members of the workspace can do this",
    });
  }
  return actor;
}

type Caller = { kind: "person"; session: Session } | { kind: "apiKey"; key: AuthenticatedKey };

/**
 * The caller: a person with a valid access token, or an API key, looked up on every call so that
 * a revoked or expired key is refused at once.
 */
const callerProcedure = publicProcedure.use(async ({ ctx, next }) => {
  let caller: Caller;
  if (ctx.apiKeySecret) {
    caller = { kind: "apiKey", key: await authenticateApiKey(ctx.db, ctx.apiKeySecret) };
  } else if (ctx.session) {
    caller = { kind: "person", session: ctx.session };
  } else {
    throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError ?? "Sign in first" });
  }
  return next({ ctx: { caller } });
});

const peopleOnly = (path: string) =>
  new TRPCError({
    code: "FORBIDDEN",
    message: `API keys cannot call ${path}; it is for people signed in to the app`,
  });

/**
 * A key may call a procedure only if the procedure names a scope and the key holds it; everything
 * else (signing in, members, invitations, keys, webhooks, the audit log) is for people.
 */
function assertKeyMayCall(key: AuthenticatedKey, meta: ProcedureMeta | undefined, path: string) {
  const needed = meta?.scope;
  if (!needed) throw peopleOnly(path);
  if (needed !== "any" && !key.scopes.includes(needed)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `This API key lacks the "${needed}" scope, which ${path} needs`,
    });
  }
}

/** Carries a failed procedure result out of the transaction so the transaction rolls back. */
class Rollback extends Error {
  constructor(readonly result: unknown) {
    super("rollback");
  }
}

/**
 * Runs the rest of a procedure inside a transaction of one context (a person's or a workspace's),
 * rolling it back when the procedure fails without throwing past tRPC (its result carries the
 * error).
 */
async function inContext<R extends { ok: boolean }>(
  context: typeof withTenant,
  db: Database,
  id: string,
  work: (tx: Database) => Promise<R>,
): Promise<R> {
  try {
    return await context(db, id, async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result as R;
    throw error;
  }
}

/**
 * A person with a valid access token whose session has not ended; an API key is refused. The
 * procedure runs in a transaction that sees the person's own rows (account, memberships, their
 * workspaces, sessions) and no tenant's: `ctx.db` is that transaction.
 */
export const authedProcedure = callerProcedure
  .meta({ access: "authed" })
  .use(async ({ ctx, path, next }) => {
    if (ctx.caller.kind === "apiKey") throw peopleOnly(path);
    const { session } = ctx.caller;
    return inContext(withUser, ctx.db, session.userId, async (tx) => {
      const [state] = await queryRows<{ live: boolean }>(
        tx,
        sql`select ${sessionIsLive(session.sessionId)} as live`,
      );
      if (!state?.live) throw sessionEnded();
      return next({ ctx: { db: tx, session } });
    });
  });

const notAMember = () =>
  new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this workspace" });

/**
 * The person's workspace and role, read inside their tenant transaction in one statement that
 * also checks their session has not ended; refuses a non-member or an ended session.
 */
async function memberOf(
  tx: Database,
  session: Session,
): Promise<{ workspace: Workspace; actor: Member }> {
  const { userId, workspaceId, sessionId } = session;
  const [row] = await tx
    .select({ workspace: workspaces, role: memberships.role, live: sessionIsLive(sessionId) })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!row) throw notAMember();
  if (!row.live) throw sessionEnded();
  return { workspace: row.workspace, actor: { kind: "member", userId, role: row.role } };
}

/**
 * The workspace of the access token or API key. A person's membership is read from the database
 * on every call (a removed member loses access at once); a key must hold the scope the procedure
 * names. The procedure runs inside a tenant transaction: `ctx.db` is that transaction, under
 * row-level security for this workspace only, for people and keys alike.
 */
export const workspaceProcedure = callerProcedure
  .meta({ access: "workspace" })
  .use(async ({ ctx, meta, path, next }) => {
    const { caller } = ctx;
    if (caller.kind === "apiKey") assertKeyMayCall(caller.key, meta, path);
    const workspaceId =
      caller.kind === "apiKey" ? caller.key.workspace.id : caller.session.workspaceId;
    return inContext(withTenant, ctx.db, workspaceId, async (tx) => {
      let member: { workspace: Workspace; actor: Actor };
      if (caller.kind === "apiKey") {
        member = {
          workspace: caller.key.workspace,
          actor: { kind: "apiKey", keyId: caller.key.id },
        };
      } else {
        member = await memberOf(tx, caller.session);
      }
      return next({ ctx: { db: tx, ...member } });
    });
  });

/**
 * For long-lived calls (subscriptions): the membership (or the key's scope) is checked up front,
 * a membership in a short tenant transaction, and the procedure runs outside it, opening its own
 * tenant transactions as it needs them. `stillAllowed` checks again, as the call did at its start
 * (membership and session, or the key), and throws the same errors: a stream calls it before
 * sending anything, so it ends when the member is removed, the key revoked or the session ended.
 */
export const memberProcedure = callerProcedure
  .meta({ access: "workspace" })
  .use(async ({ ctx, meta, path, next }) => {
    const { caller, apiKeySecret } = ctx;
    if (caller.kind === "apiKey") {
      assertKeyMayCall(caller.key, meta, path);
      const { key } = caller;
      const actor: Actor = { kind: "apiKey", keyId: key.id };
      const stillAllowed = async () => void (await authenticateApiKey(ctx.db, apiKeySecret!));
      return next({ ctx: { workspaceId: key.workspace.id, actor, stillAllowed } });
    }
    const { workspaceId } = caller.session;
    const stillAllowed = () =>
      withTenant(ctx.db, workspaceId, (tx) => memberOf(tx, caller.session));
    const { actor } = await stillAllowed();
    return next({
      ctx: { workspaceId, actor, stillAllowed: async () => void (await stillAllowed()) },
    });
  });

export const atLeast = (role: Role, minimum: Role): boolean =>
  roles.indexOf(role) <= roles.indexOf(minimum);

/**
 * Role gate: a workspace procedure that refuses members below `minimum`. A key has no role: the
 * scope the procedure names is its gate, checked before this.
 */
export const requireRole = (minimum: Role) =>
  workspaceProcedure.use(({ ctx, next }) => {
    if (ctx.actor.kind === "member" && !atLeast(ctx.actor.role, minimum)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `This needs the ${minimum} role or higher`,
      });
    }
    return next();
  });

export const editorProcedure = requireRole("editor");
export const adminProcedure = requireRole("admin");
