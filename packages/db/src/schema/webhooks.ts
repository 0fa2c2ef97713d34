import { relations } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { primaryId } from "./ids";
import { createdAt, updatedAt } from "./timestamps";
import { users } from "./users";
import { workspaces } from "./workspaces";

/** What an endpoint can subscribe to. */
export const webhookEvents = [
  "document.created",
  "document.updated",
  "document.deleted",
  "transformation.succeeded",
  "transformation.failed",
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** A URL that a workspace's events are POSTed to, signed with its secret. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: primaryId(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    events: text("events").array().$type<WebhookEvent[]>().notNull(),
    /**
     * The HMAC key deliveries are signed with. Kept in the clear because signing needs it; shown
     * to the admin once, at creation, and never returned again.
     */
    secret: text("secret").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export const webhookDeliveryStatuses = ["pending", "succeeded", "failed"] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];
export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", webhookDeliveryStatuses);

/**
 * One event for one endpoint. Written in the transaction that made the change, with its queue
 * job, so an event is delivered exactly when its change commits. `body` is the exact JSON sent,
 * so every attempt and a replay sign and send the same bytes.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: primaryId(),
    endpointId: uuid("endpoint_id").notNull(),
    /** Shared by the deliveries of one event to several endpoints. */
    eventId: uuid("event_id").notNull(),
    event: text("event").$type<WebhookEvent>().notNull(),
    body: text("body").notNull(),
    status: webhookDeliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** The last attempt's HTTP status, if it got one. */
    responseStatus: integer("response_status"),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: "webhook_deliveries_endpoint_fk",
      columns: [t.workspaceId, t.endpointId],
      foreignColumns: [webhookEndpoints.workspaceId, webhookEndpoints.id],
    }).onDelete("cascade"),
    index("webhook_deliveries_endpoint_idx").on(t.workspaceId, t.endpointId, t.id),
  ],
);

/** Every HTTP attempt of a delivery, with what came back (the body truncated). */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: primaryId(),
    deliveryId: uuid("delivery_id").notNull(),
    /** 1 for the first; a replay continues the count. */
    attempt: integer("attempt").notNull(),
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    /** Why no response counted: a timeout, a refused address, a connection error. */
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: "webhook_attempts_delivery_fk",
      columns: [t.workspaceId, t.deliveryId],
      foreignColumns: [webhookDeliveries.workspaceId, webhookDeliveries.id],
    }).onDelete("cascade"),
    index("webhook_attempts_delivery_idx").on(t.workspaceId, t.deliveryId, t.attempt),
  ],
);

export const webhookEndpointsRelations = relations(webhookEndpoints, ({ one, many }) => ({
  workspace: one(workspaces, {
    fields: [webhookEndpoints.workspaceId],
    references: [workspaces.id],
  }),
  deliveries: many(webhookDeliveries),
}));

export const webhookDeliveriesRelations = relations(webhookDeliveries, ({ one, many }) => ({
  endpoint: one(webhookEndpoints, {
    fields: [webhookDeliveries.workspaceId, webhookDeliveries.endpointId],
    references: [webhookEndpoints.workspaceId, webhookEndpoints.id],
  }),
  /** Named apart from the `attempts` count column. */
  attemptLog: many(webhookAttempts),
}));

export const webhookAttemptsRelations = relations(webhookAttempts, ({ one }) => ({
  delivery: one(webhookDeliveries, {
    fields: [webhookAttempts.workspaceId, webhookAttempts.deliveryId],
    references: [webhookDeliveries.workspaceId, webhookDeliveries.id],
  }),
}));
