import type { TRPCRouterRecord } from "@trpc/server";
import {
  and,
  deliveryEndpoint,
  desc,
  eq,
  lt,
  webhookAttempts,
  webhookDeliveries,
  webhookDeliveryStatuses,
  webhookEndpoints,
  webhookEvents,
  workspaces,
  type Database,
} from "@transmute/db";
import { newWebhookSecret, resolveWebhookTarget } from "@transmute/jobs";
import { count, ne } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit";
import type { Context } from "../context";
import { adminProcedure, asMember } from "../procedures";
import { TRPCError } from "../trpc";
import { boundedText, id, storable } from "../validation/fields";

/** Every event fans out to each endpoint; this bounds the fan-out. */
export const MAX_ENDPOINTS_PER_WORKSPACE = 20;

const endpointNotFound = () =>
  new TRPCError({ code: "NOT_FOUND", message: "Webhook endpoint not found" });
const deliveryNotFound = () =>
  new TRPCError({ code: "NOT_FOUND", message: "Webhook delivery not found" });

const url = storable(z.url({ protocol: /^https?$/ }).max(2000));
const events = z
  .array(z.enum(webhookEvents))
  .min(1)
  .max(webhookEvents.length)
  .transform((values) => [...new Set(values)]);
const description = boundedText(500).trim();

/** What a client sees of an endpoint: never its secret. */
const endpointColumns = {
  id: webhookEndpoints.id,
  workspaceId: webhookEndpoints.workspaceId,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  events: webhookEndpoints.events,
  enabled: webhookEndpoints.enabled,
  createdBy: webhookEndpoints.createdBy,
  createdAt: webhookEndpoints.createdAt,
  updatedAt: webhookEndpoints.updatedAt,
};

/**
 * Refuses a URL the deliveries could not, or must not, reach. In production that includes any
 * host resolving to a loopback, private, link-local or unique-local address; deliveries check
 * again when they connect, as DNS answers change.
 */
async function assertDeliverable(ctx: Pick<Context, "jobs">, target: string) {
  const verdict = await resolveWebhookTarget(target, ctx.jobs.settings.webhooks);
  if (!verdict.ok) throw new TRPCError({ code: "BAD_REQUEST", message: `url: ${verdict.reason}` });
}

async function findEndpoint(db: Database, workspaceId: string, endpointId: string) {
  const [endpoint] = await db
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, endpointId)));
  if (!endpoint) throw endpointNotFound();
  return endpoint;
}

/** Webhooks send the workspace's data to a URL: admins manage them, signed in as themselves. */
export const webhookRouter = {
  /** Returns the signing secret this once. */
  create: adminProcedure
    .input(z.object({ url, events, description: description.default("") }))
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.workspace.id;
      const actorId = asMember(ctx.actor).userId;
      await assertDeliverable(ctx, input.url);
      // Counting and inserting under the workspace's row lock: of creates sent at once, each
      // counts what the ones before it committed, so a batch cannot slip past the cap together.
      await ctx.db
        .select({ id: workspaces.id })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId))
        .for("no key update");
      const [existing] = await ctx.db
        .select({ n: count() })
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.workspaceId, workspaceId));
      if (existing!.n >= MAX_ENDPOINTS_PER_WORKSPACE) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: `A workspace can have at most ${MAX_ENDPOINTS_PER_WORKSPACE} webhook endpoints`,
        });
      }
      const secret = newWebhookSecret();
      const [endpoint] = await ctx.db
        .insert(webhookEndpoints)
        .values({ workspaceId, ...input, secret, createdBy: actorId })
        .returning(endpointColumns);
      await recordAudit(ctx.db, ctx.client, {
        workspaceId,
        action: "webhook.created",
        actorId,
        targetId: endpoint!.id,
        details: { url: input.url, events: input.events },
      });
      return { endpoint: endpoint!, secret };
    }),

  /** Newest first. */
  list: adminProcedure.query(({ ctx }) =>
    ctx.db
      .select(endpointColumns)
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.workspaceId, ctx.workspace.id))
      .orderBy(desc(webhookEndpoints.id)),
  ),

  /** Changes what is given. A disabled endpoint is sent nothing, not even what was queued. */
  update: adminProcedure
    .input(
      z.object({
        endpointId: id,
        url: url.optional(),
        events: events.optional(),
        description: description.optional(),
        enabled: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { endpointId, ...changes } = input;
      const workspaceId = ctx.workspace.id;
      const mine = and(
        eq(webhookEndpoints.workspaceId, workspaceId),
        eq(webhookEndpoints.id, endpointId),
      );
      const current = await findEndpoint(ctx.db, workspaceId, endpointId);
      if (Object.keys(changes).length === 0) return current;
      if (changes.url !== undefined) await assertDeliverable(ctx, changes.url);
      const [endpoint] = await ctx.db
        .update(webhookEndpoints)
        .set(changes)
        .where(mine)
        .returning(endpointColumns);
      // Deleted between the two statements: as missing as it would have been a moment earlier.
      if (!endpoint) throw endpointNotFound();
      await recordAudit(ctx.db, ctx.client, {
        workspaceId,
        action: "webhook.updated",
        actorId: asMember(ctx.actor).userId,
        targetId: endpointId,
        details: changes,
      });
      return endpoint;
    }),

  /** The endpoint goes with its deliveries and their attempts. */
  delete: adminProcedure.input(z.object({ endpointId: id })).mutation(async ({ ctx, input }) => {
    const workspaceId = ctx.workspace.id;
    const [deleted] = await ctx.db
      .delete(webhookEndpoints)
      .where(
        and(
          eq(webhookEndpoints.workspaceId, workspaceId),
          eq(webhookEndpoints.id, input.endpointId),
        ),
      )
      .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
    if (!deleted) throw endpointNotFound();
    await recordAudit(ctx.db, ctx.client, {
      workspaceId,
      action: "webhook.deleted",
      actorId: asMember(ctx.actor).userId,
      targetId: deleted.id,
      details: { url: deleted.url },
    });
    return { id: deleted.id };
  }),

  /**
   * Newest first, by endpoint or across the workspace, optionally by status, each with its
   * attempts (status code, start of the answer or the error, duration) in order.
   */
  deliveries: adminProcedure
    .input(
      z.object({
        endpointId: id.optional(),
        status: z.enum(webhookDeliveryStatuses).optional(),
        limit: z.number().int().min(1).max(100).default(20),
        cursor: id.nullish(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const workspaceId = ctx.workspace.id;
      // A filter naming an endpoint that is not there is an error, not an empty list.
      if (input.endpointId) await findEndpoint(ctx.db, workspaceId, input.endpointId);
      const rows = await ctx.db.query.webhookDeliveries.findMany({
        where: and(
          eq(webhookDeliveries.workspaceId, workspaceId),
          input.endpointId ? eq(webhookDeliveries.endpointId, input.endpointId) : undefined,
          input.status ? eq(webhookDeliveries.status, input.status) : undefined,
          input.cursor ? lt(webhookDeliveries.id, input.cursor) : undefined,
        ),
        orderBy: desc(webhookDeliveries.id),
        limit: input.limit + 1,
        with: {
          attemptLog: {
            columns: { workspaceId: false, deliveryId: false },
            orderBy: webhookAttempts.attempt,
          },
        },
      });
      const items = rows.slice(0, input.limit);
      return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
    }),

  /**
   * Sends a finished delivery again, the same body under the same delivery id (receivers can
   * recognise it), with a fresh signature and a full set of attempts.
   */
  replay: adminProcedure.input(z.object({ deliveryId: id })).mutation(async ({ ctx, input }) => {
    const workspaceId = ctx.workspace.id;
    const mine = and(
      eq(webhookDeliveries.workspaceId, workspaceId),
      eq(webhookDeliveries.id, input.deliveryId),
    );
    const [found] = await ctx.db
      .select({ status: webhookDeliveries.status, enabled: webhookEndpoints.enabled })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, deliveryEndpoint)
      .where(mine);
    if (!found) throw deliveryNotFound();
    if (!found.enabled) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "The endpoint is disabled; enable it before replaying its deliveries",
      });
    }
    const stillTrying = () =>
      new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "This delivery is still being attempted",
      });
    if (found.status === "pending") throw stillTrying();
    // Conditional, so of two replays at once only one queues the delivery again.
    const [replayed] = await ctx.db
      .update(webhookDeliveries)
      .set({ status: "pending", lastError: null })
      .where(and(mine, ne(webhookDeliveries.status, "pending")))
      .returning();
    if (!replayed) throw stillTrying();
    await ctx.jobs.queue.enqueueDeliveries(ctx.db, [{ workspaceId, deliveryId: replayed.id }]);
    return replayed;
  }),
} satisfies TRPCRouterRecord;
