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
}

/** Inserts the document and, in the same transaction, announces it to the workspace's webhooks. */
export async function createDocument(db: Database, queue: Queue, document: NewDocument) {
  const { userId, ...values } = document;
  const [created] = await db
    .insert(documents)
    .values({ ...values, ...contentFacts(values.content), createdBy: userId })
    .returning(documentColumns);
  await emitWebhookEvent(
    db,
    queue,
    created!.workspaceId,
    documentEvent("document.created", created!),
  );
  return created!;
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
