import type { TRPCRouterRecord } from "@trpc/server";
import { tracked } from "@trpc/server";
import {
  and,
  desc,
  documents,
  eq,
  gt,
  inArray,
  lt,
  transformationDocument,
  transformationEvents,
  transformations,
  transformationStatuses,
  isDatabaseUnavailable,
  withTenant,
  type Database,
} from "@transmute/db";
import { recordEvent, storedAs, stepsOf, type TransformationEvent } from "@transmute/jobs";
import { listKinds, parsePipeline, stepSchema } from "@transmute/transform";
import { count, getTableColumns, gte, type SQL } from "drizzle-orm";
import { z } from "zod";
import { actingUserId, editorProcedure, memberProcedure, workspaceProcedure } from "../procedures";
import { createDocument, findDocument } from "../documents";
import { tooManyRequests } from "../retry-later";
import { databaseUnavailable, TRPCError } from "../trpc";
import { boundedText, id, name } from "../validation/fields";

const { output: _output, ...summaryColumns } = getTableColumns(transformations);
const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "Transformation not found" });
const active = ["queued", "running"] as const;

/**
 * Why a conditional status change touched no row: the transformation is not this workspace's
 * (NOT_FOUND, as for one that does not exist), or its status does not allow the change.
 */
async function refusal(db: Database, mine: SQL | undefined, rule: string): Promise<TRPCError> {
  const [exists] = await db
    .select({ status: transformations.status })
    .from(transformations)
    .where(mine);
  if (!exists) return notFound();
  return new TRPCError({
    code: "PRECONDITION_FAILED",
    message: `${rule}; this one has ${exists.status}`,
  });
}

export const transformationRouter = {
  /** The catalogue, with parameter schemas for the web form and why a kind is unavailable. */
  kinds: workspaceProcedure
    .meta({ scope: "transformations:read" })
    .query(({ ctx }) => listKinds({ llm: ctx.jobs.settings.llm })),

  /**
   * Validates the steps against the catalogue, then inserts the row and enqueues its job in the
   * tenant transaction: a rollback leaves neither. A repeated idempotency key returns the first.
   */
  create: editorProcedure
    .meta({ scope: "transformations:run" })
    .input(
      z.object({
        documentId: id,
        steps: z
          .array(stepSchema.meta({ examples: [{ kind: "stats", params: {} }] }))
          .min(1)
          .max(8),
        idempotencyKey: boundedText(200, 1).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.workspace.id;
      const { idempotencyKey } = input;
      const firstWithKey = async () => {
        if (idempotencyKey === undefined) return undefined;
        const [existing] = await ctx.db
          .select(summaryColumns)
          .from(transformations)
          .where(
            and(
              eq(transformations.workspaceId, workspaceId),
              eq(transformations.idempotencyKey, idempotencyKey),
            ),
          );
        return existing;
      };
      const retried = await firstWithKey();
      if (retried) return retried;
      const document = await findDocument(ctx.db, workspaceId, input.documentId);

      const pipeline = parsePipeline(input.steps, {
        inputFormat: document.format,
        settings: { llm: ctx.jobs.settings.llm },
      });
      if (!pipeline.success) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: pipeline.error.message,
          cause: pipeline.error,
        });
      }

      const [queued] = await ctx.db
        .select({ n: count() })
        .from(transformations)
        .where(
          and(
            eq(transformations.workspaceId, workspaceId),
            inArray(transformations.status, [...active]),
          ),
        );
      if (queued!.n >= ctx.jobs.settings.maxQueuedPerWorkspace) {
        throw tooManyRequests(
          `This workspace already has ${queued!.n} transformations waiting or running; wait for some to finish`,
        );
      }

      const [row] = await ctx.db
        .insert(transformations)
        .values({
          ...storedAs(pipeline.data),
          workspaceId,
          documentId: document.id,
          createdBy: actingUserId(ctx.actor),
          idempotencyKey,
        })
        // A create with the same key running at the same time: this one waits for it to commit,
        // then inserts nothing and answers with its transformation (no duplicate-key error).
        .onConflictDoNothing({
          target: [transformations.workspaceId, transformations.idempotencyKey],
        })
        .returning(summaryColumns);
      if (!row) {
        const first = await firstWithKey();
        if (!first)
          throw new Error("idempotency conflict without a transformation holding the key");
        return first;
      }
      const jobId = await ctx.jobs.queue.enqueue(ctx.db, {
        workspaceId,
        transformationId: row.id,
      });
      await recordEvent(ctx.db, row);
      return { ...row, jobId };
    }),

  get: workspaceProcedure
    .meta({ scope: "transformations:read" })
    .input(z.object({ id }))
    .query(async ({ ctx, input }) => {
      const [row] = await ctx.db
        .select()
        .from(transformations)
        .where(
          and(eq(transformations.workspaceId, ctx.workspace.id), eq(transformations.id, input.id)),
        );
      if (!row) throw notFound();
      return { ...row, steps: stepsOf(row) };
    }),

  /**
   * Newest first; by document or across the workspace, optionally by status. Each item names its
   * document's title, so an activity view across the workspace needs no call per document.
   */
  list: workspaceProcedure
    .meta({ scope: "transformations:read" })
    .input(
      z.object({
        documentId: id.optional(),
        status: z.enum(transformationStatuses).optional(),
        limit: z.number().int().min(1).max(100).default(20),
        cursor: id.nullish(),
      }),
    )
    .query(async ({ ctx, input }) => {
      // A filter naming a document that is not there is an error, not an empty list.
      if (input.documentId) await findDocument(ctx.db, ctx.workspace.id, input.documentId);
      const rows = await ctx.db
        .select({ ...summaryColumns, documentTitle: documents.title })
        .from(transformations)
        .innerJoin(documents, transformationDocument)
        .where(
          and(
            eq(transformations.workspaceId, ctx.workspace.id),
            input.documentId ? eq(transformations.documentId, input.documentId) : undefined,
            input.status ? eq(transformations.status, input.status) : undefined,
            input.cursor ? lt(transformations.id, input.cursor) : undefined,
          ),
        )
        .orderBy(desc(transformations.id))
        .limit(input.limit + 1);
      const items = rows.slice(0, input.limit);
      return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
    }),

  cancel: editorProcedure
    .meta({ scope: "transformations:run" })
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      const mine = and(
        eq(transformations.workspaceId, ctx.workspace.id),
        eq(transformations.id, input.id),
      );
      const [row] = await ctx.db
        .update(transformations)
        .set({ status: "canceled", finishedAt: new Date() })
        .where(and(mine, inArray(transformations.status, [...active])))
        .returning(summaryColumns);
      if (!row)
        throw await refusal(
          ctx.db,
          mine,
          "Only a queued or running transformation can be canceled",
        );
      // The event reaches a running job's worker, which aborts; a queued job is withdrawn.
      await recordEvent(ctx.db, row);
      if (row.jobId) await ctx.jobs.queue.cancel(ctx.db, row.jobId);
      return row;
    }),

  /** Runs a failed or canceled transformation again, as a new attempt of the same row. */
  retry: editorProcedure
    .meta({ scope: "transformations:run" })
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.workspace.id;
      const mine = and(
        eq(transformations.workspaceId, workspaceId),
        eq(transformations.id, input.id),
      );
      const [row] = await ctx.db
        .update(transformations)
        .set({
          status: "queued",
          progress: 0,
          error: null,
          output: null,
          outputFormat: null,
          outputMeta: null,
          finishedAt: null,
          startedAt: null,
        })
        .where(and(mine, inArray(transformations.status, ["failed", "canceled"])))
        .returning(summaryColumns);
      if (!row)
        throw await refusal(
          ctx.db,
          mine,
          "Only a failed or canceled transformation can be retried",
        );
      const jobId = await ctx.jobs.queue.enqueue(ctx.db, { workspaceId, transformationId: row.id });
      await recordEvent(ctx.db, row);
      return { ...row, jobId };
    }),

  /** The result as a file: name, media type and content. */
  output: workspaceProcedure
    .meta({ scope: "transformations:read" })
    .input(z.object({ id }))
    .query(async ({ ctx, input }) => {
      const [row] = await ctx.db
        .select({
          kind: transformations.kind,
          output: transformations.output,
          format: transformations.outputFormat,
          status: transformations.status,
          title: documents.title,
        })
        .from(transformations)
        .innerJoin(documents, transformationDocument)
        .where(
          and(eq(transformations.workspaceId, ctx.workspace.id), eq(transformations.id, input.id)),
        );
      if (!row) throw notFound();
      if (row.status !== "succeeded" || row.output === null) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: `There is no output yet (status: ${row.status})`,
        });
      }
      const format = row.format ?? "text";
      const { extension, mediaType } = fileType(format);
      const base =
        row.title.replace(/[^\p{L}\p{N}._-]+/gu, "-").replace(/^-+|-+$/g, "") || "document";
      return {
        filename: `${base}.${row.kind}.${extension}`,
        mediaType,
        format,
        content: row.output,
      };
    }),

  /** Keeps a result as a document of its own. Structured (JSON) results are saved as text. */
  saveAsDocument: editorProcedure
    .meta({ scope: "documents:write" })
    .input(z.object({ id, title: name(200) }))
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.workspace.id;
      const [row] = await ctx.db
        .select({
          output: transformations.output,
          format: transformations.outputFormat,
          status: transformations.status,
        })
        .from(transformations)
        .where(and(eq(transformations.workspaceId, workspaceId), eq(transformations.id, input.id)));
      if (!row) throw notFound();
      if (row.status !== "succeeded" || row.output === null) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: `There is no output to save (status: ${row.status})`,
        });
      }
      const format = row.format === "markdown" || row.format === "html" ? row.format : "text";
      return createDocument(ctx.db, ctx.jobs.queue, {
        workspaceId,
        userId: actingUserId(ctx.actor),
        title: input.title,
        format,
        content: row.output,
        tags: [],
      });
    }),

  /**
   * Live status and progress for the caller's workspace over SSE. Each event carries its
   * sequence number as the SSE id; a client that reconnects with it first receives everything
   * it missed from the event log, then live events, without gaps or repeats. When this process's
   * LISTEN connection drops and comes back, the stream reads the gap from the log itself; when the
   * process shuts down, the stream ends with SERVICE_UNAVAILABLE: reconnect with the last id.
   */
  onChange: memberProcedure
    .meta({ scope: "transformations:read" })
    .input(
      z.object({
        lastEventId: boundedText(18)
          .regex(/^\d{1,18}$/)
          .nullish(),
        documentId: id.optional(),
      }),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      const { workspaceId } = ctx;
      const { documentId } = input;
      const wanted = (event: TransformationEvent) => !documentId || event.documentId === documentId;
      const pending: TransformationEvent[] = [];
      let wake: (() => void) | undefined;
      // A client resuming from its last id reads what it missed from the log first.
      let catchUp = input.lastEventId != null;
      let closing = false;
      // Listen before reading the log, so nothing falls between the two.
      const unsubscribe = ctx.jobs.events.subscribe(
        workspaceId,
        (event) => {
          pending.push(event);
          wake?.();
        },
        {
          resume: () => {
            catchUp = true;
            wake?.();
          },
          closing: () => {
            closing = true;
            wake?.();
          },
        },
      );
      try {
        if (documentId) {
          await withTenant(ctx.db, workspaceId, (tx) => findDocument(tx, workspaceId, documentId));
        }
        // Where this stream stands in the log: the last event sent (or the client's last id), or
        // before any, when it started (less a margin: the log's time is its transaction's start).
        let last = input.lastEventId ? Number(input.lastEventId) : null;
        const since = new Date(Date.now() - CATCH_UP_MARGIN_MS);
        while (!signal?.aborted) {
          if (closing) {
            throw new TRPCError({
              code: "SERVICE_UNAVAILABLE",
              message: `This server is shutting down; reconnect with lastEventId ${last} to resume`,
            });
          }
          if (catchUp) {
            catchUp = false;
            pending.unshift(
              ...(await withTenant(ctx.db, workspaceId, (tx) =>
                eventsAfter(tx, workspaceId, last ?? since),
              )),
            );
          }
          if (pending.length === 0) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              signal?.addEventListener("abort", () => resolve(), { once: true });
            });
            wake = undefined;
            continue;
          }
          // Access is checked again before anything is sent, once for what arrived together: a
          // removed member, a revoked key or an ended session ends the stream with its error.
          await ctx.stillAllowed();
          for (const event of pending.splice(0)) {
            if (last !== null && event.seq <= last) continue;
            last = event.seq;
            if (wanted(event)) yield tracked(String(event.seq), event);
          }
        }
      } catch (error) {
        if (isDatabaseUnavailable(error)) throw databaseUnavailable(error);
        throw error;
      } finally {
        unsubscribe();
      }
    }),
} satisfies TRPCRouterRecord;

/** Before its first event, a stream that must catch up reads the log from its start less this. */
const CATCH_UP_MARGIN_MS = 5_000;

/**
 * The workspace's events after a sequence number, or since a time, in order (at most 10,000: a
 * client that far behind reloads).
 */
function eventsAfter(tx: Database, workspaceId: string, after: number | Date) {
  return tx
    .select()
    .from(transformationEvents)
    .where(
      and(
        eq(transformationEvents.workspaceId, workspaceId),
        typeof after === "number"
          ? gt(transformationEvents.seq, after)
          : gte(transformationEvents.createdAt, after),
      ),
    )
    .orderBy(transformationEvents.seq)
    .limit(10_000);
}

function fileType(format: string) {
  switch (format) {
    case "markdown":
      return { extension: "md", mediaType: "text/markdown; charset=utf-8" };
    case "html":
      return { extension: "html", mediaType: "text/html; charset=utf-8" };
    case "json":
      return { extension: "json", mediaType: "application/json" };
    default:
      return { extension: "txt", mediaType: "text/plain; charset=utf-8" };
  }
}
