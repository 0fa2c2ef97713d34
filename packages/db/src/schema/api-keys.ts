import { relations } from "drizzle-orm";
import { pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { primaryId } from "./ids";
import { createdAt } from "./timestamps";
import { users } from "./users";
import { workspaces } from "./workspaces";

/**
 * What an API key may do. Each key-callable procedure names the one scope it needs; a procedure
 * that names none is for people only.
 */
export const apiScopes = [
  "documents:read",
  "documents:write",
  "transformations:read",
  "transformations:run",
] as const;
export type ApiScope = (typeof apiScopes)[number];

/**
 * A workspace's key for server-to-server calls. It belongs to the workspace, not to the admin
 * who made it, so it keeps working when they leave; revoking it is the way to stop it. The secret
 * is shown once; only its SHA-256 is kept, with a short prefix to tell keys apart in a list.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: primaryId(),
    name: text("name").notNull(),
    /** The secret's first characters, e.g. `tm_live_Ab3dE9`: enough to recognise, useless to use. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes").array().$type<ApiScope[]>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** Kept to the minute: written at most once a minute per key, not on every call. */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("api_keys_key_hash_key").on(t.keyHash),
  ],
);

export const apiKeysRelations = relations(apiKeys, ({ one }) => ({
  workspace: one(workspaces, { fields: [apiKeys.workspaceId], references: [workspaces.id] }),
  creator: one(users, { fields: [apiKeys.createdBy], references: [users.id] }),
}));
