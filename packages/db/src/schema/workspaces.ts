import { relations } from "drizzle-orm";
import { pgTable, text } from "drizzle-orm/pg-core";
import { documents } from "./documents";
import { primaryId } from "./ids";
import { memberships } from "./memberships";
import { createdAt, updatedAt } from "./timestamps";

export const workspaces = pgTable("workspaces", {
  id: primaryId().primaryKey(),
  name: text("name").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const workspacesRelations = relations(workspaces, ({ many }) => ({
  memberships: many(memberships),
  documents: many(documents),
}));
