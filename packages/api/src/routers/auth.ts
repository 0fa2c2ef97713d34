import type { TRPCRouterRecord } from "@trpc/server";
import {
  and,
  asc,
  enterWorkspace,
  eq,
  findRefreshTokenOwner,
  findSignInAccount,
  memberships,
  newId,
  users,
  withUser,
  workspaces,
  type Database,
} from "@transmute/db";
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
  moveSession,
} from "../auth/sessions";
import {
  isKnownAddress,
  listSecurityEvents,
  logRefusedSignIn,
  logSignIn,
} from "../auth/security-log";
import { admitRegistration, admitSignIn, retryMessage } from "../auth/throttle";
import { hashRefreshToken, signAccessToken } from "../auth/tokens";
import { authedProcedure, publicProcedure } from "../procedures";
import { tooManyRequests } from "../retry-later";
import { TRPCError } from "../trpc";
import { boundedText, currentPassword, email, id, name, password } from "../validation/fields";
import { createWorkspaceWithOwner } from "../workspaces";

const refreshTokenInput = z.object({ refreshToken: boundedText(200, 1) });

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

const throttled = (retryAt: Date) => tooManyRequests(retryMessage(retryAt), retryAt);

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
      // Before the hash: each sign-up costs one, and makes an account.
      const admission = await admitRegistration(ctx.db, ctx.auth.throttle, ctx.client.ip);
      if (!admission.admitted) {
        throw tooManyRequests(
          "Too many sign-ups from this address. Try again later.",
          admission.retryAt,
        );
      }
      const passwordHash = await hashPassword(input.password);
      const userId = newId();
      return withUser(ctx.db, userId, async (tx) => {
        const [user] = await tx
          .insert(users)
          .values({ id: userId, email: input.email, name: input.name, passwordHash })
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
          { userId: user.id, workspaceId: workspace.id },
          ctx.client,
        );
        return { user, workspace, tokens };
      });
    }),

  login: publicProcedure
    .input(z.object({ email, password: currentPassword }))
    .mutation(async ({ ctx, input }) => {
      const found = await findSignInAccount(ctx.db, input.email);
      // The account's own rows (its known addresses, its security log) are seen in its context.
      const asAccount = <T>(work: (tx: Database) => Promise<T>) =>
        withUser(ctx.db, found!.id, work);
      // Before any password is hashed, so a locked account costs an attacker's guesses nothing.
      const admission = await admitSignIn(ctx.db, ctx.auth.throttle, {
        email: input.email,
        ip: ctx.client.ip,
        knownAddress:
          found !== undefined &&
          (await asAccount((tx) => isKnownAddress(tx, found.id, ctx.client.ip))),
      });
      // Attempts go to the account's own security log, never to its workspaces' audit logs:
      // anyone may try a password, and must not be able to write into a tenant's log by it.
      if (!admission.admitted) {
        if (found) {
          await asAccount((tx) => logRefusedSignIn(tx, ctx.auth.throttle, ctx.client, found.id));
        }
        throw throttled(admission.retryAt);
      }
      const valid = found
        ? await verifyPassword(found.passwordHash, input.password)
        : await verifyPassword(await decoyHash(), input.password).then(() => false);
      if (!found || !valid) {
        if (found) await asAccount((tx) => logSignIn(tx, ctx.client, found.id, "sign_in_failed"));
        throw new TRPCError({ code: "UNAUTHORIZED", message: "Wrong email or password" });
      }
      await admission.succeeded();
      return withUser(ctx.db, found.id, async (tx) => {
        // Someone removed from every workspace still gets a place to work.
        const workspaceId =
          (await firstMembership(tx, found.id))?.workspaceId ??
          (await createWorkspaceWithOwner(tx, found.id, `${found.name}'s workspace`)).id;
        await enterWorkspace(tx, workspaceId);
        await recordAudit(tx, ctx.client, {
          workspaceId,
          action: "auth.sign_in",
          actorId: found.id,
        });
        await logSignIn(tx, ctx.client, found.id, "sign_in");
        const tokens = await issueTokens(
          tx,
          ctx.auth,
          { userId: found.id, workspaceId },
          ctx.client,
        );
        return { tokens, workspaceId };
      });
    }),

  refresh: publicProcedure.input(refreshTokenInput).mutation(async ({ ctx, input }) => {
    const ownerId = await findRefreshTokenOwner(ctx.db, hashRefreshToken(input.refreshToken));
    if (!ownerId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in again" });
    return withUser(ctx.db, ownerId, async (tx) => {
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
        tokens: await issueTokens(tx, ctx.auth, { userId, workspaceId }, ctx.client, {
          id: familyId,
          expiresAt,
        }),
      };
    }).then((result) => {
      // Thrown after the commit: a reuse must stay revoked even though the call fails.
      if (!result.ok) throw new TRPCError({ code: "UNAUTHORIZED", message: result.message });
      return result.tokens;
    });
  }),

  logout: publicProcedure.input(refreshTokenInput).mutation(async ({ ctx, input }) => {
    const ownerId = await findRefreshTokenOwner(ctx.db, hashRefreshToken(input.refreshToken));
    if (ownerId) await withUser(ctx.db, ownerId, (tx) => revokeByToken(tx, input.refreshToken));
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
      const { userId, sessionId } = ctx.session;
      if (!(await isMember(ctx.db, userId, input.workspaceId))) {
        throw new TRPCError({ code: "NOT_FOUND", message: "Workspace not found" });
      }
      const [workspace] = await ctx.db
        .select()
        .from(workspaces)
        .where(eq(workspaces.id, input.workspaceId));
      // The session moves, and the client keeps its refresh token. Only an access token is
      // issued, expiring with the caller's: a stolen access token must not become a sign-in of
      // its own, nor last longer by switching again and again.
      if (!(await moveSession(ctx.db, userId, sessionId, input.workspaceId))) {
        throw new TRPCError({ code: "UNAUTHORIZED", message: "This session has ended" });
      }
      const { expiresAt } = ctx.session;
      const lifetime = Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
      const accessToken = signAccessToken(
        ctx.auth,
        { userId, workspaceId: input.workspaceId, sessionId },
        lifetime,
      );
      const accessTokenExpiresAt = new Date(Date.now() + lifetime * 1000);
      return { workspace: workspace!, tokens: { accessToken, accessTokenExpiresAt } };
    }),

  /**
   * The caller's account security log, newest first: sign-ins, wrong passwords, and stretches of
   * attempts the throttle refused (with how many), each with the address and browser it came from.
   */
  securityEvents: authedProcedure
    .input(
      z.object({
        limit: z.number().int().min(1).max(100).default(50),
        cursor: id.nullish(),
      }),
    )
    .query(({ ctx, input }) => listSecurityEvents(ctx.db, ctx.session.userId, input)),

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
      const [account] = await ctx.db
        .select({ email: users.email })
        .from(users)
        .where(eq(users.id, userId));
      // The hash is read as at sign-in: the application role cannot read that column itself.
      const user = account && (await findSignInAccount(ctx.db, account.email));
      if (!user) {
        throw new TRPCError({ code: "UNAUTHORIZED", message: "This account no longer exists" });
      }
      // Guesses here count against the account like failed sign-ins: a stolen access token must
      // not become a way around the lock.
      const admission = await admitSignIn(ctx.db, ctx.auth.throttle, {
        email: user.email,
        ip: ctx.client.ip,
        knownAddress: await isKnownAddress(ctx.db, userId, ctx.client.ip),
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
