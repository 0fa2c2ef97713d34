import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { primaryId } from "./ids";
import { createdAt } from "./timestamps";
import { users } from "./users";

export const accountSecurityActions = ["sign_in", "sign_in_failed", "sign_in_throttled"] as const;
export type AccountSecurityAction = (typeof accountSecurityActions)[number];

/**
 * An account's own security log: its sign-ins and the attempts on it, read by the account's
 * owner. Keyed by user, not workspace: anyone can try a password on an account, and that must
 * not write into the logs of the workspaces the account belongs to. Attempts refused by the
 * throttle are one row per stretch of refusals, counted in `attempts`.
 */
export const accountSecurityEvents = pgTable(
  "account_security_events",
  {
    id: primaryId().primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    action: text("action").$type<AccountSecurityAction>().notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    attempts: integer("attempts").notNull().default(1),
    createdAt: createdAt(),
    /** The latest attempt a row counts; the same as `createdAt` for a single one. */
    lastAt: timestamp("last_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("account_security_events_user_idx").on(t.userId, t.id)],
);

/**
 * Addresses an account has signed in from. A failed sign-in from one of them is judged by its
 * own count (account and address), never by the account-wide one, so guesses from elsewhere
 * cannot lock the owner out.
 */
export const knownSignInAddresses = pgTable(
  "known_sign_in_addresses",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ip: text("ip").notNull(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ip] })],
);
