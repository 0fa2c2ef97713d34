import { relations } from "drizzle-orm";
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { documents } from "./documents";
import { primaryId } from "./ids";
import { createdAt, updatedAt } from "./timestamps";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const transformationStatuses = [
  "queued",
  "running",
  "succeeded",
  "failed",
  "canceled",
] as const;
export type TransformationStatus = (typeof transformationStatuses)[number];
export const transformationStatus = pgEnum("transformation_status", transformationStatuses);

export const transformations = pgTable(
  "transformations",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: primaryId(),
    documentId: uuid("document_id").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    /** For a single kind, its parameters; for a pipeline, `{ steps: [{ kind, params }] }`. */
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    status: transformationStatus("status").notNull().default("queued"),
    progress: integer("progress").notNull().default(0),
    output: text("output"),
    outputFormat: text("output_format"),
    /** Small facts about the result, and each pipeline step's kind, format and duration. */
    outputMeta: jsonb("output_meta").$type<Record<string, unknown>>(),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    /** The queue's job id for the current attempt, so cancel can withdraw it. */
    jobId: uuid("job_id"),
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // The composite key is what keeps a transformation inside its document's tenant.
    foreignKey({
      name: "transformations_document_fk",
      columns: [t.workspaceId, t.documentId],
      foreignColumns: [documents.workspaceId, documents.id],
    }).onDelete("cascade"),
    index("transformations_document_idx").on(t.workspaceId, t.documentId, t.id),
    index("transformations_status_idx").on(t.workspaceId, t.status),
    uniqueIndex("transformations_idempotency_key").on(t.workspaceId, t.idempotencyKey),
  ],
);

export const transformationsRelations = relations(transformations, ({ one }) => ({
  document: one(documents, {
    fields: [transformations.workspaceId, transformations.documentId],
    references: [documents.workspaceId, documents.id],
  }),
}));
