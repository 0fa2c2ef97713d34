import type { TRPCRouterRecord } from "@trpc/server";
import { and, asc, eq, memberships, users, workspaces, type Database } from "@transmute/db";
import { z } from "zod";
import { decoyHash, hashPassword, verifyPassword } from "../auth/passwords";
import { issueTokens, revokeByToken, spendRefreshToken } from "../auth/sessions";
import type { AuthSettings } from "../auth/settings";
import { authedProcedure, publicProcedure } from "../procedures";
import { TRPCError } from "../trpc";
import { email, id, name, password } from "../validation/fields";
import { createWorkspaceWithOwner } from "../workspaces";

const refreshTokenInput = z.object({ refreshToken: z.string().min(1).max(200) });

const userFields = {
  id: users.id,
  email: users.email,
  name: users.name,
  createdAt: users.createdAt,
};

async function firstMembership(db: Database, userId: string) {
  const [row] = await db
    .select({ workspaceId: memberships.workspaceId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row;
}

async function isMember(db: Database, userId: string, workspaceId: string) {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
  return row !== undefined;
}

const login = async (
  db: Database,
  settings: AuthSettings,
  user: { id: string; email: string },
  workspaceId: string,
) => issueTokens(db, settings, { userId: user.id, email: user.email, workspaceId });

export const authRouter = {
  register: publicProcedure
    .input(
      z.object({
        email,
        password,
        name: name(100),
        workspaceName: name(100).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      return ctx.db.transaction(async (tx) => {
        const [user] = await tx
          .insert(users)
          .values({ email: input.email, name: input.name, passwordHash })
          .onConflictDoNothing()
          .returning(userFields);
        if (!user) {
          throw new TRPCError({
            code: "CONFLICT",
            message: "An account with this email already exists",
          });
        }
        const workspace = await createWorkspaceWithOwner(
          tx,
          user.id,
          input.workspaceName ?? `${input.name}'s workspace`,
        );
        return { user, workspace, tokens: await login(tx, ctx.auth, user, workspace.id) };
      });
    }),

  login: publicProcedure
    .input(z.object({ email, password: z.string().min(1).max(256) }))
    .mutation(async ({ ctx, input }) => {
      const [found] = await ctx.db.select().from(users).where(eq(users.email, input.email));
      const valid = found
        ? await verifyPassword(found.passwordHash, input.password)
        : await verifyPassword(await decoyHash(), input.password).then(() => false);
      if (!found || !valid) {
        throw new TRPCError({ code: "UNAUTHORIZED", message: "Wrong email or password" });
      }
      return ctx.db.transaction(async (tx) => {
        // Someone removed from every workspace still gets a place to work.
        const workspaceId =
          (await firstMembership(tx, found.id))?.workspaceId ??
          (await createWorkspaceWithOwner(tx, found.id, `${found.name}'s workspace`)).id;
        return { tokens: await login(tx, ctx.auth, found, workspaceId), workspaceId };
      });
    }),

  refresh: publicProcedure.input(refreshTokenInput).mutation(async ({ ctx, input }) =>
    ctx.db
      .transaction(async (tx) => {
        const spent = await spendRefreshToken(tx, input.refreshToken);
        if (!spent.ok) {
          const message =
            spent.reason === "reused"
              ? "Refresh token reused; every session of this sign-in is revoked"
              : "Sign in again";
          return { ok: false as const, message, reason: spent.reason };
        }
        const { userId, workspaceId, familyId } = spent.session;
        const [user] = await tx.select(userFields).from(users).where(eq(users.id, userId));
        if (!user || !(await isMember(tx, userId, workspaceId))) {
          return {
            ok: false as const,
            message: "You are no longer a member of this workspace",
            reason: "revoked" as const,
          };
        }
        return {
          ok: true as const,
          tokens: await issueTokens(
            tx,
            ctx.auth,
            { userId, email: user.email, workspaceId },
            familyId,
          ),
        };
      })
      .then((result) => {
        // Thrown after the commit: a reuse must stay revoked even though the call fails.
        if (!result.ok) throw new TRPCError({ code: "UNAUTHORIZED", message: result.message });
        return result.tokens;
      }),
  ),

  logout: publicProcedure.input(refreshTokenInput).mutation(async ({ ctx, input }) => {
    await revokeByToken(ctx.db, input.refreshToken);
    return { ok: true };
  }),

  me: authedProcedure.query(async ({ ctx }) => {
    const [user] = await ctx.db
      .select(userFields)
      .from(users)
      .where(eq(users.id, ctx.session.userId));
    if (!user)
      throw new TRPCError({ code: "UNAUTHORIZED", message: "This account no longer exists" });
    return { user, workspaceId: ctx.session.workspaceId };
  }),

  switchWorkspace: authedProcedure
    .input(z.object({ workspaceId: id }))
    .mutation(async ({ ctx, input }) => {
      const { userId, email: userEmail } = ctx.session;
      if (!(await isMember(ctx.db, userId, input.workspaceId))) {
        throw new TRPCError({ code: "NOT_FOUND", message: "Workspace not found" });
      }
      const [workspace] = await ctx.db
        .select()
        .from(workspaces)
        .where(eq(workspaces.id, input.workspaceId));
      return {
        workspace: workspace!,
        tokens: await issueTokens(ctx.db, ctx.auth, {
          userId,
          email: userEmail,
          workspaceId: input.workspaceId,
        }),
      };
    }),
} satisfies TRPCRouterRecord;
