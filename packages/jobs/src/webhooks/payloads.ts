import type { documents, transformations, WebhookEvent } from "@transmute/db";

export interface WebhookEventInput {
  type: WebhookEvent;
  data: Record<string, unknown>;
}

type DocumentRow = Pick<
  typeof documents.$inferSelect,
  | "id"
  | "title"
  | "format"
  | "tags"
  | "size"
  | "contentHash"
  | "version"
  | "createdBy"
  | "createdAt"
  | "updatedAt"
>;

/** A document without its content, which may be a megabyte: receivers fetch it if they want it. */
export const documentEvent = (
  type: "document.created" | "document.updated" | "document.deleted",
  row: DocumentRow,
): WebhookEventInput => ({
  type,
  data: {
    document: {
      id: row.id,
      title: row.title,
      format: row.format,
      tags: row.tags,
      size: row.size,
      contentHash: row.contentHash,
      version: row.version,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    },
  },
});

type TransformationRow = Pick<
  typeof transformations.$inferSelect,
  | "id"
  | "documentId"
  | "kind"
  | "status"
  | "outputFormat"
  | "error"
  | "attempts"
  | "createdAt"
  | "startedAt"
  | "finishedAt"
>;

/** A finished transformation without its output: `transformation.output` fetches that. */
export const transformationEvent = (
  type: "transformation.succeeded" | "transformation.failed",
  row: TransformationRow,
): WebhookEventInput => ({
  type,
  data: {
    transformation: {
      id: row.id,
      documentId: row.documentId,
      kind: row.kind,
      status: row.status,
      outputFormat: row.outputFormat,
      error: row.error,
      attempts: row.attempts,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
    },
  },
});
