import { relations } from "drizzle-orm";
import { pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { primaryId } from "./ids";
import { memberships } from "./memberships";
import { createdAt } from "./timestamps";

export const users = pgTable(
  "users",
  {
    id: primaryId().primaryKey(),
    /** Stored lower-cased; the unique index makes sign-up races safe. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(memberships),
}));
