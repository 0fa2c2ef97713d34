import type { TRPCRouterRecord } from "@trpc/server";
import { and, auditActions, auditEvents, desc, eq, lt, users } from "@transmute/db";
import { z } from "zod";
import { adminProcedure } from "../procedures";
import { id } from "../validation/fields";

export const auditRouter = {
  /**
   * The workspace's audit log, newest first. Ids are UUIDv7, so id order is time order and the
   * last id of a page is the cursor for the next: entries written meanwhile never shift a page.
   */
  list: adminProcedure
    .input(
      z.object({
        cursor: id.nullish(),
        limit: z.number().int().min(1).max(100).default(50),
        action: z.enum(auditActions).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .select({
          id: auditEvents.id,
          action: auditEvents.action,
          actorId: auditEvents.actorId,
          actorEmail: users.email,
          targetId: auditEvents.targetId,
          ip: auditEvents.ip,
          userAgent: auditEvents.userAgent,
          details: auditEvents.details,
          createdAt: auditEvents.createdAt,
        })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorId))
        .where(
          and(
            eq(auditEvents.workspaceId, ctx.workspace.id),
            input.action ? eq(auditEvents.action, input.action) : undefined,
            input.cursor ? lt(auditEvents.id, input.cursor) : undefined,
          ),
        )
        .orderBy(desc(auditEvents.id))
        .limit(input.limit + 1);
      const items = rows.slice(0, input.limit);
      return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
    }),
} satisfies TRPCRouterRecord;
