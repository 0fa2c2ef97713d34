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
  withTenant,
  type Database,
} from "@transmute/db";
import { recordEvent, storedAs, stepsOf, type TransformationEvent } from "@transmute/jobs";
import { listKinds, parsePipeline, stepSchema } from "@transmute/transform";
import { count, getTableColumns, type SQL } from "drizzle-orm";
import { z } from "zod";
import { actingUserId, editorProcedure, memberProcedure, workspaceProcedure } from "../procedures";
import { createDocument, findDocument } from "../documents";
import { TRPCError } from "../trpc";
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
      if (input.idempotencyKey) {
        const [existing] = await ctx.db
          .select(summaryColumns)
          .from(transformations)
          .where(
            and(
              eq(transformations.workspaceId, workspaceId),
              eq(transformations.idempotencyKey, input.idempotencyKey),
            ),
          );
        if (existing) return existing;
      }
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
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: `This workspace already has ${queued!.n} transformations waiting or running; wait for some to finish`,
        });
      }

      const [row] = await ctx.db
        .insert(transformations)
        .values({
          ...storedAs(pipeline.data),
          workspaceId,
          documentId: document.id,
          createdBy: actingUserId(ctx.actor),
          idempotencyKey: input.idempotencyKey,
        })
        .returning(summaryColumns);
      const jobId = await ctx.jobs.queue.enqueue(ctx.db, {
        workspaceId,
        transformationId: row!.id,
      });
      await recordEvent(ctx.db, row!);
      return { ...row!, jobId };
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
   * it missed from the event log, then live events, without gaps or repeats.
   */
  onChange: memberProcedure
    .meta({ scope: "transformations:read" })
    .input(
      z.object({
        lastEventId: z
          .string()
          .regex(/^\d{1,18}$/)
          .nullish(),
        documentId: id.optional(),
      }),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      const { workspaceId } = ctx;
      const { documentId } = input;
      if (documentId) {
        await withTenant(ctx.db, workspaceId, (tx) => findDocument(tx, workspaceId, documentId));
      }
      const wanted = (event: TransformationEvent) =>
        !input.documentId || event.documentId === input.documentId;
      const pending: TransformationEvent[] = [];
      let wake: (() => void) | undefined;
      // Listen before reading the log, so nothing falls between the two.
      const unsubscribe = ctx.jobs.events.subscribe(workspaceId, (event) => {
        pending.push(event);
        wake?.();
      });
      try {
        let last = input.lastEventId ? Number(input.lastEventId) : null;
        if (last !== null) {
          const missed = await withTenant(ctx.db, workspaceId, (tx) =>
            tx
              .select()
              .from(transformationEvents)
              .where(
                and(
                  eq(transformationEvents.workspaceId, workspaceId),
                  gt(transformationEvents.seq, last!),
                ),
              )
              .orderBy(transformationEvents.seq)
              .limit(10_000),
          );
          for (const event of missed) {
            last = event.seq;
            if (wanted(event)) yield tracked(String(event.seq), event);
          }
        }
        while (!signal?.aborted) {
          const event = pending.shift();
          if (!event) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              signal?.addEventListener("abort", () => resolve(), { once: true });
            });
            wake = undefined;
            continue;
          }
          if (last !== null && event.seq <= last) continue;
          last = event.seq;
          if (wanted(event)) yield tracked(String(event.seq), event);
        }
      } finally {
        unsubscribe();
      }
    }),
} satisfies TRPCRouterRecord;

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
