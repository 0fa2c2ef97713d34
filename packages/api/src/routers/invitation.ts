import type { TRPCRouterRecord } from "@trpc/server";
import {
  and,
  desc,
  enterWorkspace,
  eq,
  findInvitationWorkspace,
  invitations,
  memberships,
  roles,
  sql,
  users,
  withTenant,
  workspaces,
} from "@transmute/db";
import { isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit";
import {
  hashInvitationToken,
  INVITATION_TTL_MS,
  invitationColumns,
  newInvitationToken,
  usable,
} from "../invitations";
import { adminProcedure, asMember, authedProcedure, publicProcedure } from "../procedures";
import { TRPCError } from "../trpc";
import { boundedText, email, id } from "../validation/fields";

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "Invitation not found" });
// One message for every reason a token fails, so a guessed or leaked token reveals nothing.
const invalid = () =>
  new TRPCError({ code: "NOT_FOUND", message: "Invitation not found or no longer valid" });

export const invitationRouter = {
  /** Returns the token this once; only its hash is stored. */
  create: adminProcedure
    .input(z.object({ email, role: z.enum(roles) }))
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.workspace.id;
      const inviter = asMember(ctx.actor);
      const actorId = inviter.userId;
      if (input.role === "owner" && inviter.role !== "owner") {
        throw new TRPCError({ code: "FORBIDDEN", message: "Only an owner can invite an owner" });
      }
      // Two invitations of one address at once would both stay pending; one at a time.
      await ctx.db.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`invitation:${workspaceId}:${input.email}`}, 0))`,
      );
      const [member] = await ctx.db
        .select({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.workspaceId, workspaceId), eq(users.email, input.email)));
      if (member) {
        throw new TRPCError({
          code: "CONFLICT",
          message: "This email address already belongs to a member",
        });
      }
      // Inviting an address again replaces its pending invitation: the old token stops working,
      // so only the newest link (and role) can be used.
      const replaced = await ctx.db
        .update(invitations)
        .set({ revokedAt: sql`now()` })
        .where(
          and(eq(invitations.workspaceId, workspaceId), eq(invitations.email, input.email), usable),
        )
        .returning({ id: invitations.id });
      for (const old of replaced) {
        await recordAudit(ctx.db, ctx.client, {
          workspaceId,
          action: "invitation.revoked",
          actorId,
          targetId: old.id,
          details: { email: input.email, replaced: true },
        });
      }
      const { token, hash } = newInvitationToken();
      const [invitation] = await ctx.db
        .insert(invitations)
        .values({
          workspaceId,
          email: input.email,
          role: input.role,
          tokenHash: hash,
          invitedBy: actorId,
          expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        })
        .returning(invitationColumns);
      await recordAudit(ctx.db, ctx.client, {
        workspaceId,
        action: "invitation.created",
        actorId,
        targetId: invitation!.id,
        details: { email: input.email, role: input.role },
      });
      return { invitation: invitation!, token };
    }),

  /** Newest first, with each one's status. */
  list: adminProcedure.query(({ ctx }) =>
    ctx.db
      .select(invitationColumns)
      .from(invitations)
      .where(eq(invitations.workspaceId, ctx.workspace.id))
      .orderBy(desc(invitations.id)),
  ),

  revoke: adminProcedure.input(z.object({ invitationId: id })).mutation(async ({ ctx, input }) => {
    const workspaceId = ctx.workspace.id;
    const mine = and(
      eq(invitations.workspaceId, workspaceId),
      eq(invitations.id, input.invitationId),
    );
    const [revoked] = await ctx.db
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(mine, isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning(invitationColumns);
    if (!revoked) {
      const [current] = await ctx.db.select(invitationColumns).from(invitations).where(mine);
      if (!current) throw notFound();
      if (current.status === "accepted") {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "This invitation has already been accepted; remove the member instead",
        });
      }
      // Revoked already: nothing changes, and nothing is logged twice.
      return current;
    }
    await recordAudit(ctx.db, ctx.client, {
      workspaceId,
      action: "invitation.revoked",
      actorId: asMember(ctx.actor).userId,
      targetId: input.invitationId,
      details: { email: revoked.email },
    });
    return revoked;
  }),

  /**
   * What an invitation link offers, for its page before anyone signs in: the workspace, who
   * invited, the role, and the address it was sent to (so sign-up can take it). The token is the
   * secret; a used, withdrawn or expired one gets the same NOT_FOUND as a made-up one. Looked up
   * across tenants by the owner connection, as `accept` does.
   */
  preview: publicProcedure
    .input(z.object({ token: boundedText(200, 1) }))
    .query(async ({ ctx, input }) => {
      const tokenHash = hashInvitationToken(input.token);
      // The token names its workspace (through the one function that may look across tenants);
      // the rest is read as that workspace's tenant.
      const workspaceId = await findInvitationWorkspace(ctx.db, tokenHash);
      if (!workspaceId) throw invalid();
      const [invitation] = await withTenant(ctx.db, workspaceId, (tx) =>
        tx
          .select({
            workspaceName: workspaces.name,
            inviterName: users.name,
            role: invitations.role,
            email: invitations.email,
          })
          .from(invitations)
          .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
          .leftJoin(users, eq(users.id, invitations.invitedBy))
          .where(
            and(
              eq(invitations.workspaceId, workspaceId),
              eq(invitations.tokenHash, tokenHash),
              usable,
            ),
          ),
      );
      if (!invitation) throw invalid();
      return invitation;
    }),

  /**
   * Joins the invitation's workspace, whichever workspace the caller is signed in to; the client
   * then switches to it with `auth.switchWorkspace`. The token's workspace is found through the
   * one function that may look across tenants; the rest runs as that workspace's tenant. Spending
   * the token is one conditional update, so of two
   * concurrent accepts exactly one wins; every refusal after it rolls the update back, leaving
   * the invitation usable.
   */
  accept: authedProcedure
    .input(z.object({ token: boundedText(200, 1) }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const userId = ctx.session.userId;
        const [user] = await tx
          .select({ email: users.email })
          .from(users)
          .where(eq(users.id, userId));
        if (!user) {
          throw new TRPCError({ code: "UNAUTHORIZED", message: "This account no longer exists" });
        }
        const tokenHash = hashInvitationToken(input.token);
        const workspaceId = await findInvitationWorkspace(tx, tokenHash);
        if (!workspaceId) throw invalid();
        await enterWorkspace(tx, workspaceId);
        const [invitation] = await tx
          .update(invitations)
          .set({ acceptedAt: sql`now()`, acceptedBy: userId })
          .where(
            and(
              eq(invitations.workspaceId, workspaceId),
              eq(invitations.tokenHash, tokenHash),
              usable,
            ),
          )
          .returning({
            id: invitations.id,
            workspaceId: invitations.workspaceId,
            email: invitations.email,
            role: invitations.role,
          });
        if (!invitation) throw invalid();
        if (invitation.email !== user.email) {
          throw new TRPCError({
            code: "FORBIDDEN",
            message: "This invitation is for another email address",
          });
        }
        const [joined] = await tx
          .insert(memberships)
          .values({ workspaceId: invitation.workspaceId, userId, role: invitation.role })
          .onConflictDoNothing()
          .returning({ role: memberships.role });
        if (!joined) {
          throw new TRPCError({
            code: "CONFLICT",
            message: "You are already a member of this workspace",
          });
        }
        await recordAudit(tx, ctx.client, {
          workspaceId: invitation.workspaceId,
          action: "invitation.accepted",
          actorId: userId,
          targetId: invitation.id,
          details: { email: invitation.email, role: invitation.role },
        });
        const [workspace] = await tx
          .select()
          .from(workspaces)
          .where(eq(workspaces.id, invitation.workspaceId));
        return { workspace: workspace!, role: invitation.role };
      }),
    ),
} satisfies TRPCRouterRecord;
