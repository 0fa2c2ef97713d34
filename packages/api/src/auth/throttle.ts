import type { SQL } from "drizzle-orm";
import { eq, loginThrottle, sql, type Database } from "@transmute/db";
import type { ThrottleLimits } from "./settings";

/**
 * Whether a sign-in attempt may check its password. When it may, it has already been counted as
 * a failure: a right password takes that back with `succeeded`.
 */
export type Admission =
  { admitted: true; succeeded: () => Promise<void> } | { admitted: false; retryAt: Date };

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

export interface Attempt {
  /** Lower-cased, as stored; unknown addresses are counted too, so a lock tells nothing. */
  email: string;
  ip: string | null;
  /** The account has signed in from this address before (see knownSignInAddresses). */
  knownAddress: boolean;
}

interface Counter {
  key: string;
  limit: number;
}

/**
 * Counts an attempt on each counter in turn, stopping at the first that is locked; the ones
 * already counted are taken back then, so a refused attempt leaves no trace on the others.
 */
async function admit(
  db: Database,
  limits: ThrottleLimits,
  counters: Counter[],
): Promise<Admission> {
  const counted: string[] = [];
  for (const { key, limit } of counters) {
    if (!(await countAttempt(db, limits, key, limit))) {
      for (const done of counted) await uncount(db, done);
      return refusal(db, key);
    }
    counted.push(key);
  }
  return {
    admitted: true,
    succeeded: async () => {
      for (const key of counted) await uncount(db, key);
    },
  };
}

/**
 * Decides, before any password is hashed, whether this attempt may go ahead. In order: the
 * caller's address (guesses sprayed over many accounts), the account from this address (guesses
 * at one account from one place), and, from addresses the account has never signed in from, the
 * account as a whole (guesses spread over many addresses, slowed by locks that double). The
 * owner's own addresses skip the last: nobody elsewhere can lock the owner out.
 */
export async function admitSignIn(
  db: Database,
  limits: ThrottleLimits,
  attempt: Attempt,
): Promise<Admission> {
  const accountKey = `account:${attempt.email}`;
  const counters: Counter[] = [
    ...(attempt.ip === null ? [] : [{ key: `ip:${attempt.ip}`, limit: limits.ipFailures }]),
    { key: `${accountKey}|ip:${attempt.ip ?? "unknown"}`, limit: limits.accountFailures },
    ...(attempt.knownAddress ? [] : [{ key: accountKey, limit: limits.accountWideFailures }]),
  ];
  const admission = await admit(db, limits, counters);
  if (!admission.admitted) return admission;
  const pairKey = counters.find((counter) => counter.key.startsWith(`${accountKey}|`))!.key;
  return {
    admitted: true,
    // The right password clears this address's count for the account; the account-wide count
    // stays, or the owner signing in would give whoever is guessing elsewhere a fresh start.
    succeeded: async () => {
      await admission.succeeded();
      await db.delete(table).where(eq(table.key, pairKey));
    },
  };
}

/** Sign-ups from one address: each costs a password hash and makes an account. */
export function admitRegistration(
  db: Database,
  limits: ThrottleLimits,
  ip: string | null,
): Promise<Admission> {
  return admit(
    db,
    limits,
    ip === null ? [] : [{ key: `register:${ip}`, limit: limits.registrationsPerIp }],
  );
}

/** "Try again in 3 minutes", rounded up so that trying then works. */
export function retryMessage(retryAt: Date): string {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
  const [count, unit] = seconds < 60 ? [seconds, "second"] : [Math.ceil(seconds / 60), "minute"];
  const wait = `${count} ${unit}${count === 1 ? "" : "s"}`;
  return `Too many failed sign-in attempts. Try again in ${wait}.`;
}
