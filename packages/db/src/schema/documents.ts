import { relations, sql } from "drizzle-orm";
import {
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { primaryId } from "./ids";
import { createdAt, updatedAt } from "./timestamps";
import { transformations } from "./transformations";
import { tsvector } from "./tsvector";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const documentFormats = ["markdown", "html", "text"] as const;
export type DocumentFormat = (typeof documentFormats)[number];
export const documentFormat = pgEnum("document_format", documentFormats);

/**
 * Keyed (workspace_id, id) so children can only reference a parent of the same tenant, and so
 * the table can be distributed by workspace_id later.
 */
export const documents = pgTable(
  "documents",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: primaryId(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    format: documentFormat("format").notNull(),
    content: text("content").notNull(),
    /** UTF-8 bytes of `content`. */
    size: integer("size").notNull(),
    /** SHA-256 of `content`, hex. */
    contentHash: text("content_hash").notNull(),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Bumped by every update; a writer must present the version it read (optimistic concurrency). */
    version: integer("version").notNull().default(1),
    /** The creator's key for this create: a retry with the same key gets this document back. */
    idempotencyKey: text("idempotency_key"),
    // Capped input: a tsvector cannot exceed 1 MB, and the tail of a huge document adds little.
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, left(content, 200000)), 'B')`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("documents_search_idx").using("gin", t.search),
    index("documents_tags_idx").using("gin", t.tags),
    uniqueIndex("documents_idempotency_key").on(t.workspaceId, t.idempotencyKey),
  ],
);

export const documentsRelations = relations(documents, ({ one, many }) => ({
  workspace: one(workspaces, { fields: [documents.workspaceId], references: [workspaces.id] }),
  transformations: many(transformations),
}));
