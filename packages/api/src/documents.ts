import { createHash } from "node:crypto";
import { documents, type Database, type DocumentFormat } from "@transmute/db";
import { getTableColumns } from "drizzle-orm";

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
  userId: string;
  title: string;
  format: DocumentFormat;
  content: string;
  tags: string[];
}

export async function createDocument(db: Database, document: NewDocument) {
  const { userId, ...values } = document;
  const [created] = await db
    .insert(documents)
    .values({ ...values, ...contentFacts(values.content), createdBy: userId })
    .returning(documentColumns);
  return created!;
}
