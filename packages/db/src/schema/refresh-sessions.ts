import { relations } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { primaryId } from "./ids";
import { createdAt } from "./timestamps";
import { users } from "./users";
import { workspaces } from "./workspaces";

/**
 * One row per issued refresh token. Only a hash of the token is kept. Tokens rotate: using one
 * marks it `usedAt` and issues the next in the same family; presenting a used token again means
 * it was stolen, so the whole family is revoked. A family is one signed-in session: every token
 * in it carries the first one's `expiresAt`, so rotation never extends a session past it.
 */
export const refreshSessions = pgTable(
  "refresh_sessions",
  {
    id: primaryId().primaryKey(),
    familyId: uuid("family_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** Where the sign-in came from, so a user can tell their sessions apart. */
    userAgent: text("user_agent"),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("refresh_sessions_token_hash_key").on(t.tokenHash),
    index("refresh_sessions_family_idx").on(t.familyId),
    index("refresh_sessions_user_idx").on(t.userId),
  ],
);

export const refreshSessionsRelations = relations(refreshSessions, ({ one }) => ({
  user: one(users, { fields: [refreshSessions.userId], references: [users.id] }),
}));
