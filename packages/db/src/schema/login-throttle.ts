import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Failed sign-ins per key (`ip:<address>`, `account:<email>|ip:<address>`, `account:<email>`)
 * and sign-ups per `register:<address>`, in the database so every server process sees the same
 * counts. Not tenant data: it is read before anyone is signed in.
 */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  /** Counting restarts when the last failure is older than the window. */
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});
