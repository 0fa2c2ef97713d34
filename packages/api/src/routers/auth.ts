import type { TRPCRouterRecord } from "@trpc/server";
import { and, asc, eq, memberships, users, workspaces, type Database } from "@transmute/db";
import { z } from "zod";
import { recordAudit } from "../audit";
import { decoyHash, hashPassword, verifyPassword } from "../auth/passwords";
import {
  endOtherSessions,
  endSession,
  issueTokens,
  listSessions,
  revokeByToken,
  spendRefreshToken,
  takeOverSession,
} from "../auth/sessions";
import { admitSignIn, retryMessage } from "../auth/throttle";
import type { Client } from "../context";
import { authedProcedure, publicProcedure } from "../procedures";
import { TRPCError } from "../trpc";
import { currentPassword, email, id, name, password } from "../validation/fields";
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

const throttled = (retryAt: Date) =>
  new TRPCError({ code: "TOO_MANY_REQUESTS", message: retryMessage(retryAt) });

/** Told to every workspace of the account, whose admins may want to know someone is trying. */
async function auditFailedSignIn(
  db: Database,
  client: Client,
  userId: string,
  reason: "wrong_password" | "throttled",
) {
  const workspacesOfUser = await db
    .select({ workspaceId: memberships.workspaceId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  for (const { workspaceId } of workspacesOfUser) {
    await recordAudit(db, client, {
      workspaceId,
      action: "auth.sign_in_failed",
      // Whoever typed the password is unknown; the account is what was tried.
      actorId: null,
      targetId: userId,
      details: { reason },
    });
  }
}

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
        const tokens = await issueTokens(
          tx,
          ctx.auth,
          { userId: user.id, email: user.email, workspaceId: workspace.id },
          ctx.client,
        );
        return { user, workspace, tokens };
      });
    }),

  login: publicProcedure
    .input(z.object({ email, password: currentPassword }))
    .mutation(async ({ ctx, input }) => {
      // Before any password is hashed, so a locked account costs an attacker's guesses nothing.
      const admission = await admitSignIn(ctx.db, ctx.auth.throttle, {
        email: input.email,
        ip: ctx.client.ip,
      });
      const [found] = await ctx.db.select().from(users).where(eq(users.email, input.email));
      if (!admission.admitted) {
        if (found) await auditFailedSignIn(ctx.db, ctx.client, found.id, "throttled");
        throw throttled(admission.retryAt);
      }
      const valid = found
        ? await verifyPassword(found.passwordHash, input.password)
        : await verifyPassword(await decoyHash(), input.password).then(() => false);
      if (!found || !valid) {
        if (found) await auditFailedSignIn(ctx.db, ctx.client, found.id, "wrong_password");
        throw new TRPCError({ code: "UNAUTHORIZED", message: "Wrong email or password" });
      }
      await admission.succeeded();
      return ctx.db.transaction(async (tx) => {
        // Someone removed from every workspace still gets a place to work.
        const workspaceId =
          (await firstMembership(tx, found.id))?.workspaceId ??
          (await createWorkspaceWithOwner(tx, found.id, `${found.name}'s workspace`)).id;
        await recordAudit(tx, ctx.client, {
          workspaceId,
          action: "auth.sign_in",
          actorId: found.id,
        });
        const tokens = await issueTokens(
          tx,
          ctx.auth,
          { userId: found.id, email: found.email, workspaceId },
          ctx.client,
        );
        return { tokens, workspaceId };
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
        const { userId, workspaceId, familyId, expiresAt } = spent.session;
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
          // The same session goes on, and still ends when it was going to.
          tokens: await issueTokens(
            tx,
            ctx.auth,
            { userId, email: user.email, workspaceId },
            ctx.client,
            { id: familyId, expiresAt },
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
      const { userId, email: userEmail, sessionId } = ctx.session;
      if (!(await isMember(ctx.db, userId, input.workspaceId))) {
        throw new TRPCError({ code: "NOT_FOUND", message: "Workspace not found" });
      }
      const [workspace] = await ctx.db
        .select()
        .from(workspaces)
        .where(eq(workspaces.id, input.workspaceId));
      // The new tokens continue this sign-in rather than start one that would outlast it.
      return ctx.db.transaction(async (tx) => {
        const session = await takeOverSession(tx, userId, sessionId);
        if (!session) {
          throw new TRPCError({ code: "UNAUTHORIZED", message: "This session has ended" });
        }
        const tokens = await issueTokens(
          tx,
          ctx.auth,
          { userId, email: userEmail, workspaceId: input.workspaceId },
          ctx.client,
          session,
        );
        return { workspace: workspace!, tokens };
      });
    }),

  /** The caller's signed-in sessions (browsers and devices), to review and end. */
  sessions: authedProcedure.query(async ({ ctx }) => {
    const sessions = await listSessions(ctx.db, ctx.session.userId);
    return sessions.map((session) => ({
      ...session,
      current: session.id === ctx.session.sessionId,
    }));
  }),

  /** Signs one of the caller's sessions out: its refresh token stops working. */
  endSession: authedProcedure
    .input(z.object({ sessionId: id }))
    .mutation(async ({ ctx, input }) => {
      if (!(await endSession(ctx.db, ctx.session.userId, input.sessionId))) {
        throw new TRPCError({ code: "NOT_FOUND", message: "Session not found" });
      }
      return { ok: true };
    }),

  /** Signs out every session of the caller's but this one (a lost laptop, a shared computer). */
  endOtherSessions: authedProcedure.mutation(async ({ ctx }) => ({
    endedSessions: await endOtherSessions(ctx.db, ctx.session.userId, ctx.session.sessionId),
  })),

  /** Needs the current password; every other session is signed out, this one stays. */
  changePassword: authedProcedure
    .input(z.object({ currentPassword, newPassword: password }))
    .mutation(async ({ ctx, input }) => {
      const { userId, sessionId } = ctx.session;
      const [user] = await ctx.db
        .select({ email: users.email, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.id, userId));
      if (!user) {
        throw new TRPCError({ code: "UNAUTHORIZED", message: "This account no longer exists" });
      }
      // Guesses here count against the account like failed sign-ins: a stolen access token must
      // not become a way around the lock.
      const admission = await admitSignIn(ctx.db, ctx.auth.throttle, {
        email: user.email,
        ip: ctx.client.ip,
      });
      if (!admission.admitted) throw throttled(admission.retryAt);
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        // Not UNAUTHORIZED: the caller's token is fine, and clients renew tokens on a 401.
        throw new TRPCError({ code: "FORBIDDEN", message: "The current password is wrong" });
      }
      await admission.succeeded();
      const passwordHash = await hashPassword(input.newPassword);
      const endedSessions = await ctx.db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
        return endOtherSessions(tx, userId, sessionId);
      });
      return { endedSessions };
    }),
} satisfies TRPCRouterRecord;
