import type { TRPCRouterRecord } from "@trpc/server";
import { and, desc, documentFormats, documents, eq, lt, sql, transformations } from "@transmute/db";
import { arrayContains } from "drizzle-orm";
import { documentEvent, emitWebhookEvent } from "@transmute/jobs";
import { importDocx, TransformError } from "@transmute/transform";
import { headlineParts, prefixQuery, searchHeadline, searchRank } from "../document-search";
import { contentFacts, createDocument, documentColumns, documentNotFound } from "../documents";
import { z } from "zod";
import { actingUserId, editorProcedure, workspaceProcedure } from "../procedures";
import { TRPCError } from "../trpc";
import { boundedText, id, name } from "../validation/fields";

export const MAX_CONTENT_BYTES = 1024 * 1024;
/** Word files carry images and styles; the text that survives conversion is far smaller. */
export const MAX_DOCX_BYTES = 3 * 1024 * 1024;
/** How many of each document's latest transformations `list` carries. */
export const LATEST_TRANSFORMATIONS = 3;
/** Most tags `tags` returns: far more than anyone scrolls through in a suggestion list. */
export const MAX_TAG_SUGGESTIONS = 500;

const content = boundedText(MAX_CONTENT_BYTES).refine(
  (value) => Buffer.byteLength(value, "utf8") <= MAX_CONTENT_BYTES,
  `Content must be at most ${MAX_CONTENT_BYTES} bytes of UTF-8`,
);
const tags = z
  .array(name(40))
  .max(20)
  .transform((values) => [...new Set(values)]);
const format = z.enum(documentFormats);

/** What a document's embedded transformations show: status, not the (possibly large) output. */
const transformationSummary = {
  id: true,
  kind: true,
  status: true,
  progress: true,
  outputFormat: true,
  error: true,
  createdAt: true,
  updatedAt: true,
  finishedAt: true,
} as const;

export const documentRouter = {
  /**
   * Newest first, keyset-paginated on the time-ordered id; with a search query, most relevant
   * first (keyset on rank and id), with the matched words marked in the excerpt. Each row brings
   * its latest transformations in the same SQL statement (a lateral join), so the statement
   * count does not depend on the page size.
   */
  list: workspaceProcedure
    .meta({ scope: "documents:read" })
    .input(
      z.object({
        limit: z.number().int().min(1).max(100).default(20),
        cursor: id.nullish(),
        query: boundedText(200).trim().optional(),
        tag: name(40).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const query = input.query ? prefixQuery(input.query) : undefined;
      const mine = eq(documents.workspaceId, ctx.workspace.id);
      const after = (() => {
        if (!input.cursor) return undefined;
        if (!query) return lt(documents.id, input.cursor);
        // The cursor row's own rank, in the same statement: the id stays the whole cursor.
        const cursorRow = sql`(select ${searchRank(query, sql`c.search`)}, c.id from ${documents} c where c.workspace_id = ${ctx.workspace.id} and c.id = ${input.cursor})`;
        return sql`(${searchRank(query)}, ${documents.id}) < ${cursorRow}`;
      })();
      const rows = await ctx.db.query.documents.findMany({
        columns: { search: false, content: false },
        extras: {
          excerpt: (query
            ? searchHeadline(query)
            : sql<string>`left(${documents.content}, 280)`
          ).as("excerpt"),
        },
        where: and(
          mine,
          after,
          query ? sql`${documents.search} @@ ${query}` : undefined,
          input.tag ? arrayContains(documents.tags, [input.tag]) : undefined,
        ),
        orderBy: query ? [desc(searchRank(query)), desc(documents.id)] : desc(documents.id),
        limit: input.limit + 1,
        with: {
          transformations: {
            columns: transformationSummary,
            orderBy: desc(transformations.id),
            limit: LATEST_TRANSFORMATIONS,
          },
        },
      });
      const items = rows.slice(0, input.limit).map((row) => {
        if (!query) return { ...row, excerptParts: null };
        const excerptParts = headlineParts(row.excerpt);
        return { ...row, excerpt: excerptParts.map((part) => part.text).join(""), excerptParts };
      });
      return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
    }),

  /** The workspace's tags, most used first, for suggestions as someone types a tag. */
  tags: workspaceProcedure.meta({ scope: "documents:read" }).query(({ ctx }) =>
    ctx.db
      .select({ name: sql<string>`tag`, count: sql<number>`count(*)::int` })
      .from(sql`${documents}, unnest(${documents.tags}) as tag`)
      .where(eq(documents.workspaceId, ctx.workspace.id))
      .groupBy(sql`tag`)
      .orderBy(sql`count(*) desc`, sql`tag`)
      .limit(MAX_TAG_SUGGESTIONS),
  ),

  get: workspaceProcedure
    .meta({ scope: "documents:read" })
    .input(z.object({ id }))
    .query(async ({ ctx, input }) => {
      const document = await ctx.db.query.documents.findFirst({
        columns: { search: false },
        where: and(eq(documents.workspaceId, ctx.workspace.id), eq(documents.id, input.id)),
        with: {
          transformations: {
            columns: transformationSummary,
            orderBy: desc(transformations.id),
            limit: 50,
          },
        },
      });
      if (!document) throw documentNotFound();
      return document;
    }),

  create: editorProcedure
    .meta({ scope: "documents:write" })
    .input(
      z.object({
        title: name(200),
        format,
        content,
        tags: tags.default([]),
        idempotencyKey: boundedText(200, 1).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      createDocument(ctx.db, ctx.jobs.queue, {
        ...input,
        workspaceId: ctx.workspace.id,
        userId: actingUserId(ctx.actor),
      }),
    ),

  /**
   * A Word file becomes an HTML document: converted by mammoth and sanitized, titled from its
   * first heading (or the file name). Sent as base64 in the JSON body, so the body limit caps it.
   */
  importDocx: editorProcedure
    .meta({ scope: "documents:write" })
    .input(
      z.object({
        fileName: boundedText(255).optional(),
        contentBase64: z.base64().max(Math.ceil((MAX_DOCX_BYTES * 4) / 3) + 4),
        tags: tags.default([]),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const imported = await importDocx(Buffer.from(input.contentBase64, "base64"), {
        fileName: input.fileName,
      }).catch((error: unknown) => {
        if (error instanceof TransformError) {
          throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
        }
        throw error;
      });
      if (Buffer.byteLength(imported.html, "utf8") > MAX_CONTENT_BYTES) {
        throw new TRPCError({
          code: "PAYLOAD_TOO_LARGE",
          message: "The converted document is larger than 1 MiB",
        });
      }
      const document = await createDocument(ctx.db, ctx.jobs.queue, {
        workspaceId: ctx.workspace.id,
        userId: actingUserId(ctx.actor),
        title: imported.title,
        format: "html",
        content: imported.html,
        tags: input.tags,
      });
      return { document, warnings: imported.warnings };
    }),

  /** Optimistic concurrency: the caller names the version it edited; a newer one wins with CONFLICT. */
  update: editorProcedure
    .meta({ scope: "documents:write" })
    .input(
      z.object({
        id,
        // A PostgreSQL integer: anything larger could never match and would overflow the query.
        version: z.number().int().min(1).max(2_147_483_647),
        title: name(200).optional(),
        format: format.optional(),
        content: content.optional(),
        tags: tags.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { id: documentId, version, ...changes } = input;
      const mine = and(eq(documents.workspaceId, ctx.workspace.id), eq(documents.id, documentId));
      const [updated] = await ctx.db
        .update(documents)
        .set({
          ...changes,
          ...(changes.content === undefined ? {} : contentFacts(changes.content)),
          version: sql`${documents.version} + 1`,
        })
        .where(and(mine, eq(documents.version, version)))
        .returning(documentColumns);
      if (updated) {
        await emitWebhookEvent(
          ctx.db,
          ctx.jobs.queue,
          ctx.workspace.id,
          documentEvent("document.updated", updated),
        );
        return updated;
      }
      const [current] = await ctx.db
        .select({ version: documents.version })
        .from(documents)
        .where(mine);
      if (!current) throw documentNotFound();
      throw new TRPCError({
        code: "CONFLICT",
        message: `This document was changed by someone else (version ${current.version}); reload and apply your edit again`,
      });
    }),

  delete: editorProcedure
    .meta({ scope: "documents:write" })
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      const { content: _content, ...withoutContent } = documentColumns;
      const [deleted] = await ctx.db
        .delete(documents)
        .where(and(eq(documents.workspaceId, ctx.workspace.id), eq(documents.id, input.id)))
        .returning(withoutContent);
      if (!deleted) throw documentNotFound();
      await emitWebhookEvent(
        ctx.db,
        ctx.jobs.queue,
        ctx.workspace.id,
        documentEvent("document.deleted", deleted),
      );
      return { id: deleted.id };
    }),
} satisfies TRPCRouterRecord;
