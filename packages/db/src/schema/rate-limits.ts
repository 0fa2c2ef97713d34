import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Requests per bucket (`key:<api key id>`, `user:<user id>:<workspace id>`, `workspace:<id>`) in
 * the current fixed window, in the database so every server process counts the same requests.
 * Not tenant data: counted before a tenant transaction starts.
 */
export const rateLimits = pgTable("rate_limits", {
  bucket: text("bucket").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  hits: integer("hits").notNull(),
});
