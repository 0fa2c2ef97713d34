import {
  bigserial,
  index,
  integer,
  pgTable,
  primaryKey,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { transformationStatus } from "./transformations";
import { workspaces } from "./workspaces";

/**
 * Every status or progress change, numbered. Live updates are announced with NOTIFY, which
 * keeps nothing; a subscriber that reconnects with its last `seq` reads what it missed here.
 */
export const transformationEvents = pgTable(
  "transformation_events",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    transformationId: uuid("transformation_id").notNull(),
    documentId: uuid("document_id").notNull(),
    status: transformationStatus("status").notNull(),
    progress: integer("progress").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.seq] }),
    index("transformation_events_created_idx").on(t.createdAt),
  ],
);
