import type { SQL } from "drizzle-orm";
import { eq, loginThrottle, sql, type Database } from "@transmute/db";
import type { ThrottleLimits } from "./settings";

/**
 * Whether a sign-in attempt may check its password. When it may, it has already been counted as
 * a failure: a right password takes that back with `succeeded`.
 */
export type Admission =
  { admitted: true; succeeded: () => Promise<void> } | { admitted: false; retryAt: Date };

export interface Attempt {
  /** Lower-cased, as stored; unknown addresses are counted too, so a lock tells nothing. */
  email: string;
  ip: string | null;
}

const table = loginThrottle;

/**
 * Counts an attempt on one key unless the key is locked, in one statement: every concurrent call
 * (the calls of one batch, or of several server processes) gets its own count, and those past the
 * limit are refused before any of them has reached the password check. From `limit` failures on,
 * each counted attempt locks the key for twice as long as the one before, up to the maximum;
 * attempts refused while locked change nothing.
 */
async function countAttempt(
  db: Database,
  limits: ThrottleLimits,
  key: string,
  limit: number,
): Promise<boolean> {
  const quietSince = sql`now() - make_interval(secs => ${limits.windowSeconds}::float8)`;
  const next = sql`case
    when greatest(${table.lastFailureAt}, ${table.lockedUntil}) <= ${quietSince} then 1
    else ${table.failures} + 1 end`;
  const lockFor = (failures: SQL) => sql`case when ${failures} >= ${limit}::int then
    now() + make_interval(secs => least(
      ${limits.baseLockSeconds}::float8 * power(2, least(${failures} - ${limit}::int, 30)),
      ${limits.maxLockSeconds}::float8))
    end`;
  const counted = await db
    .insert(table)
    .values({ key, failures: 1, lastFailureAt: sql`now()`, lockedUntil: lockFor(sql`1`) })
    .onConflictDoUpdate({
      target: table.key,
      set: { failures: next, lastFailureAt: sql`now()`, lockedUntil: lockFor(next) },
      setWhere: sql`${table.lockedUntil} is null or ${table.lockedUntil} <= now()`,
    })
    .returning({ failures: table.failures });
  return counted.length > 0;
}

/** Takes back an attempt that turned out not to be a failure (or never got to the password). */
async function uncount(db: Database, key: string): Promise<void> {
  await db
    .update(table)
    .set({ failures: sql`greatest(${table.failures} - 1, 0)`, lockedUntil: null })
    .where(eq(table.key, key));
}

async function refusal(db: Database, key: string): Promise<Admission> {
  const [row] = await db
    .select({ lockedUntil: table.lockedUntil })
    .from(table)
    .where(eq(table.key, key));
  return { admitted: false, retryAt: row?.lockedUntil ?? new Date() };
}

/**
 * Decides, before any password is hashed, whether this attempt may go ahead: neither the account
 * nor the caller's address may be locked. The address is counted first, so attempts refused from
 * a locked address leave no trace on the accounts they name.
 */
export async function admitSignIn(
  db: Database,
  limits: ThrottleLimits,
  attempt: Attempt,
): Promise<Admission> {
  const ipKey = attempt.ip === null ? null : `ip:${attempt.ip}`;
  const accountKey = `account:${attempt.email}`;
  if (ipKey !== null && !(await countAttempt(db, limits, ipKey, limits.ipFailures))) {
    return refusal(db, ipKey);
  }
  if (!(await countAttempt(db, limits, accountKey, limits.accountFailures))) {
    if (ipKey !== null) await uncount(db, ipKey);
    return refusal(db, accountKey);
  }
  return {
    admitted: true,
    succeeded: async () => {
      await db.delete(table).where(eq(table.key, accountKey));
      if (ipKey !== null) await uncount(db, ipKey);
    },
  };
}

/** "Try again in 3 minutes", rounded up so that trying then works. */
export function retryMessage(retryAt: Date): string {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
  const [count, unit] = seconds < 60 ? [seconds, "second"] : [Math.ceil(seconds / 60), "minute"];
  const wait = `${count} ${unit}${count === 1 ? "" : "s"}`;
  return `Too many failed sign-in attempts. Try again in ${wait}.`;
}
