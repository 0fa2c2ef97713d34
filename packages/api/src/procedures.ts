import {
  and,
  eq,
  memberships,
  roles,
  withTenant,
  workspaces,
  type Database,
  type Role,
} from "@transmute/db";

type Workspace = typeof workspaces.$inferSelect;
import { publicProcedure, TRPCError } from "./trpc";

export { publicProcedure };

/** A valid access token; no database work yet. */
export const authedProcedure = publicProcedure.meta({ access: "authed" }).use(({ ctx, next }) => {
  if (!ctx.session) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError ?? "Sign in first" });
  }
  return next({ ctx: { session: ctx.session } });
});

/** Carries a failed procedure result out of the transaction so the transaction rolls back. */
class Rollback extends Error {
  constructor(readonly result: unknown) {
    super("rollback");
  }
}

/**
 * The workspace from the token, with the caller's membership read from the database on every
 * call (a removed member loses access at once). The procedure runs inside a tenant transaction:
 * `ctx.db` is that transaction, under row-level security for this workspace only.
 */
export const workspaceProcedure = authedProcedure
  .meta({ access: "workspace" })
  .use(async ({ ctx, next }) => {
    const { userId, workspaceId } = ctx.session;
    const proceed = (tx: Database, workspace: Workspace, role: Role) =>
      next({ ctx: { db: tx, workspace, membership: { userId, role } } });
    try {
      return await withTenant(ctx.db, workspaceId, async (tx) => {
        const [row] = await tx
          .select({ workspace: workspaces, role: memberships.role })
          .from(memberships)
          .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
          .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
        if (!row) {
          throw new TRPCError({
            code: "FORBIDDEN",
            message: "You are not a member of this workspace",
          });
        }
        const result = await proceed(tx, row.workspace, row.role);
        if (!result.ok) throw new Rollback(result);
        return result;
      });
    } catch (error) {
      if (error instanceof Rollback) return error.result as Awaited<ReturnType<typeof proceed>>;
      throw error;
    }
  });

/**
 * For long-lived calls (subscriptions): the membership is checked in a short tenant transaction
 * and the procedure runs outside it, opening its own tenant transactions as it needs them.
 */
export const memberProcedure = authedProcedure
  .meta({ access: "workspace" })
  .use(async ({ ctx, next }) => {
    const { userId, workspaceId } = ctx.session;
    const [membership] = await withTenant(ctx.db, workspaceId, (tx) =>
      tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId))),
    );
    if (!membership) {
      throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this workspace" });
    }
    return next({ ctx: { workspaceId, membership: { userId, role: membership.role } } });
  });

export const atLeast = (role: Role, minimum: Role): boolean =>
  roles.indexOf(role) <= roles.indexOf(minimum);

/** Role gate: a workspace procedure that refuses members below `minimum`. */
export const requireRole = (minimum: Role) =>
  workspaceProcedure.use(({ ctx, next }) => {
    if (!atLeast(ctx.membership.role, minimum)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `This needs the ${minimum} role or higher`,
      });
    }
    return next();
  });

export const editorProcedure = requireRole("editor");
export const adminProcedure = requireRole("admin");
