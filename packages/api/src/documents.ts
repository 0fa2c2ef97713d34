import { createHash } from "node:crypto";
import { and, documents, eq, type Database, type DocumentFormat } from "@transmute/db";
import { documentEvent, emitWebhookEvent, type Queue } from "@transmute/jobs";
import { getTableColumns } from "drizzle-orm";
import { TRPCError } from "./trpc";

// The search vector is an index input, not something a client reads.
const { search: _search, ...columns } = getTableColumns(documents);
export const documentColumns = columns;

/** Size and hash travel with the content on every write. */
export const contentFacts = (text: string) => ({
  size: Buffer.byteLength(text, "utf8"),
  contentHash: createHash("sha256").update(text).digest("hex"),
});

export interface NewDocument {
  workspaceId: string;
  /** Who to credit; null for an API key. */
  userId: string | null;
  title: string;
  format: DocumentFormat;
  content: string;
  tags: string[];
  /** A repeat with the same key returns the document the first call made, and makes none. */
  idempotencyKey?: string;
}

/** Inserts the document and, in the same transaction, announces it to the workspace's webhooks. */
export async function createDocument(db: Database, queue: Queue, document: NewDocument) {
  const { userId, ...values } = document;
  // On a key already used, insert nothing (waiting for a concurrent insert of it to commit or
  // roll back), then read the row that holds it: no check-then-insert window for two retries.
  const [created] = await db
    .insert(documents)
    .values({ ...values, ...contentFacts(values.content), createdBy: userId })
    .onConflictDoNothing({ target: [documents.workspaceId, documents.idempotencyKey] })
    .returning(documentColumns);
  if (!created) {
    const [existing] = await db
      .select(documentColumns)
      .from(documents)
      .where(
        and(
          eq(documents.workspaceId, values.workspaceId),
          eq(documents.idempotencyKey, values.idempotencyKey!),
        ),
      );
    return existing!;
  }
  await emitWebhookEvent(
    db,
    queue,
    created.workspaceId,
    documentEvent("document.created", created),
  );
  return created;
}

export const documentNotFound = () =>
  new TRPCError({ code: "NOT_FOUND", message: "Document not found" });

/** The document's format, or NOT_FOUND: the same answer for another tenant's id as a missing one. */
export async function findDocument(db: Database, workspaceId: string, documentId: string) {
  const [document] = await db
    .select({ id: documents.id, format: documents.format })
    .from(documents)
    .where(and(eq(documents.workspaceId, workspaceId), eq(documents.id, documentId)));
  if (!document) throw documentNotFound();
  return document;
}
