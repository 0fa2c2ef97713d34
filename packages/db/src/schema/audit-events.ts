import { relations } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { primaryId } from "./ids";
import { createdAt } from "./timestamps";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const auditActions = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "member.role_changed",
  "member.removed",
  "invitation.created",
  "invitation.accepted",
  "invitation.revoked",
  "workspace.renamed",
  "api_key.created",
  "api_key.revoked",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * Append-only record of security-relevant events in a workspace, readable by its admins. The
 * application role may insert and read, never update or delete.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: primaryId(),
    action: text("action").$type<AuditAction>().notNull(),
    /** Who did it; null when the actor is unknown or has since been deleted. */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** Whom or what it was done to: a user id, an invitation id, a key id, an endpoint id. */
    targetId: text("target_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("audit_events_workspace_created_idx").on(t.workspaceId, t.createdAt),
  ],
);

export const auditEventsRelations = relations(auditEvents, ({ one }) => ({
  workspace: one(workspaces, { fields: [auditEvents.workspaceId], references: [workspaces.id] }),
  actor: one(users, { fields: [auditEvents.actorId], references: [users.id] }),
}));
