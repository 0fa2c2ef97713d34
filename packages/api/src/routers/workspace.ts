import type { TRPCRouterRecord } from "@trpc/server";
import {
  and,
  asc,
  eq,
  memberships,
  roles,
  users,
  workspaces,
  type Database,
  type Role,
} from "@transmute/db";
import { z } from "zod";
import { recordAudit } from "../audit";
import {
  adminProcedure,
  asMember,
  atLeast,
  authedProcedure,
  workspaceProcedure,
} from "../procedures";
import { TRPCError } from "../trpc";
import { boundedText, id, name } from "../validation/fields";
import { createWorkspaceWithOwner, deleteWorkspace } from "../workspaces";

/**
 * Locks the workspace's owner rows for the rest of the transaction, so two admins demoting two
 * owners at once cannot leave the workspace with none.
 */
async function lockOwners(db: Database, workspaceId: string): Promise<string[]> {
  const owners = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
    .for("update");
  return owners.map((owner) => owner.userId);
}

/** The member's role, and who they are: the audit entry names them, even after they are gone. */
async function targetMembership(db: Database, workspaceId: string, userId: string) {
  const [target] = await db
    .select({ role: memberships.role, memberName: users.name, memberEmail: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!target) throw new TRPCError({ code: "NOT_FOUND", message: "Member not found" });
  return target;
}

/** Only an owner may touch an owner or make one. */
function assertMayManage(actor: Role, target: Role, newRole?: Role) {
  if ((target === "owner" || newRole === "owner") && actor !== "owner") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only an owner can change an owner" });
  }
}

export const workspaceRouter = {
  /** Every workspace the caller belongs to, with their role in it. */
  mine: authedProcedure.query(({ ctx }) =>
    ctx.db
      .select({
        id: workspaces.id,
        name: workspaces.name,
        role: memberships.role,
        createdAt: workspaces.createdAt,
      })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.userId, ctx.session.userId))
      .orderBy(asc(memberships.createdAt)),
  ),

  create: authedProcedure
    .input(z.object({ name: name(100) }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) => createWorkspaceWithOwner(tx, ctx.session.userId, input.name)),
    ),

  /** The caller's workspace, with their role in it (null for an API key, which has scopes). */
  current: workspaceProcedure.meta({ scope: "any" }).query(({ ctx }) => ({
    ...ctx.workspace,
    role: ctx.actor.kind === "member" ? ctx.actor.role : null,
  })),

  rename: adminProcedure.input(z.object({ name: name(100) })).mutation(async ({ ctx, input }) => {
    const [workspace] = await ctx.db
      .update(workspaces)
      .set({ name: input.name })
      .where(eq(workspaces.id, ctx.workspace.id))
      .returning();
    await recordAudit(ctx.db, ctx.client, {
      workspaceId: ctx.workspace.id,
      action: "workspace.renamed",
      actorId: asMember(ctx.actor).userId,
      targetId: ctx.workspace.id,
      details: { from: ctx.workspace.name, to: input.name },
    });
    return workspace!;
  }),

  /**
   * Deletes the workspace and everything in it. The name must be typed back, so a stray click or
   * a confused client cannot do it. Jobs of its transformations find their rows gone and end.
   */
  delete: workspaceProcedure
    .input(z.object({ confirmName: boundedText(200) }))
    .mutation(async ({ ctx, input }) => {
      if (asMember(ctx.actor).role !== "owner") {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: "Only an owner can delete the workspace",
        });
      }
      if (input.confirmName !== ctx.workspace.name) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "Type the workspace's name exactly to confirm deleting it",
        });
      }
      await deleteWorkspace(ctx.db, ctx.workspace.id);
      return { id: ctx.workspace.id };
    }),

  members: workspaceProcedure.query(({ ctx }) =>
    ctx.db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: memberships.role,
        joinedAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, ctx.workspace.id))
      .orderBy(asc(memberships.createdAt)),
  ),

  changeRole: adminProcedure
    .input(z.object({ userId: id, role: z.enum(roles) }))
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.workspace.id;
      const member = asMember(ctx.actor);
      const owners = await lockOwners(ctx.db, workspaceId);
      const target = await targetMembership(ctx.db, workspaceId, input.userId);
      assertMayManage(member.role, target.role, input.role);
      if (target.role === "owner" && input.role !== "owner" && owners.length === 1) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "The last owner cannot be demoted",
        });
      }
      await ctx.db
        .update(memberships)
        .set({ role: input.role })
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, input.userId)));
      await recordAudit(ctx.db, ctx.client, {
        workspaceId,
        action: "member.role_changed",
        actorId: member.userId,
        targetId: input.userId,
        details: {
          memberName: target.memberName,
          memberEmail: target.memberEmail,
          from: target.role,
          to: input.role,
        },
      });
      return { userId: input.userId, role: input.role };
    }),

  removeMember: workspaceProcedure
    .input(z.object({ userId: id }))
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.workspace.id;
      const member = asMember(ctx.actor);
      const leaving = input.userId === member.userId;
      // Anyone may leave; removing someone else needs admin.
      if (!leaving && !atLeast(member.role, "admin")) {
        throw new TRPCError({ code: "FORBIDDEN", message: "This needs the admin role or higher" });
      }
      const owners = await lockOwners(ctx.db, workspaceId);
      const target = await targetMembership(ctx.db, workspaceId, input.userId);
      if (!leaving) assertMayManage(member.role, target.role);
      if (target.role === "owner" && owners.length === 1) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "The last owner cannot be removed",
        });
      }
      await ctx.db
        .delete(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, input.userId)));
      await recordAudit(ctx.db, ctx.client, {
        workspaceId,
        action: "member.removed",
        actorId: member.userId,
        targetId: input.userId,
        details: {
          memberName: target.memberName,
          memberEmail: target.memberEmail,
          role: target.role,
          left: leaving,
        },
      });
      return { userId: input.userId };
    }),
} satisfies TRPCRouterRecord;
