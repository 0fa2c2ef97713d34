import {
  accountSecurityEvents,
  and,
  desc,
  eq,
  gt,
  knownSignInAddresses,
  lt,
  sql,
  type Database,
} from "@transmute/db";
import type { Client } from "../context";
import type { ThrottleLimits } from "./settings";

const events = accountSecurityEvents;

/** A sign-in, or a wrong password, on the account: one row each. */
export async function logSignIn(
  db: Database,
  client: Client,
  userId: string,
  action: "sign_in" | "sign_in_failed",
): Promise<void> {
  await db.insert(events).values({ userId, action, ip: client.ip, userAgent: client.userAgent });
  if (action === "sign_in" && client.ip !== null) {
    await db
      .insert(knownSignInAddresses)
      .values({ userId, ip: client.ip })
      .onConflictDoUpdate({
        target: [knownSignInAddresses.userId, knownSignInAddresses.ip],
        set: { lastSignInAt: sql`now()` },
      });
  }
}

/**
 * An attempt the throttle refused: counted on the account's latest row of refusals while they
 * keep coming within the throttle's window, so a flood of them is one row, not a flood of rows.
 */
export async function logRefusedSignIn(
  db: Database,
  limits: ThrottleLimits,
  client: Client,
  userId: string,
): Promise<void> {
  const [latest] = await db
    .select({ id: events.id })
    .from(events)
    .where(
      and(
        eq(events.userId, userId),
        eq(events.action, "sign_in_throttled"),
        gt(events.lastAt, sql`now() - make_interval(secs => ${limits.windowSeconds}::float8)`),
      ),
    )
    .orderBy(desc(events.id))
    .limit(1);
  if (latest) {
    await db
      .update(events)
      .set({
        attempts: sql`${events.attempts} + 1`,
        lastAt: sql`now()`,
        ip: client.ip,
        userAgent: client.userAgent,
      })
      .where(eq(events.id, latest.id));
  } else {
    await db.insert(events).values({
      userId,
      action: "sign_in_throttled",
      ip: client.ip,
      userAgent: client.userAgent,
    });
  }
}

/** Whether the account has signed in from this address before. */
export async function isKnownAddress(
  db: Database,
  userId: string,
  ip: string | null,
): Promise<boolean> {
  if (ip === null) return false;
  const [row] = await db
    .select({ ip: knownSignInAddresses.ip })
    .from(knownSignInAddresses)
    .where(and(eq(knownSignInAddresses.userId, userId), eq(knownSignInAddresses.ip, ip)));
  return row !== undefined;
}

/** The account's log, newest first, a page at a time. */
export async function listSecurityEvents(
  db: Database,
  userId: string,
  page: { limit: number; cursor?: string | null },
) {
  const rows = await db
    .select({
      id: events.id,
      action: events.action,
      ip: events.ip,
      userAgent: events.userAgent,
      attempts: events.attempts,
      createdAt: events.createdAt,
      lastAt: events.lastAt,
    })
    .from(events)
    .where(and(eq(events.userId, userId), page.cursor ? lt(events.id, page.cursor) : undefined))
    .orderBy(desc(events.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
}
