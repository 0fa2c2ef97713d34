/**
 * What this process's connections are doing, for the metrics. postgres.js and PGlite expose no
 * pool statistics, so we count at the one place a connection is held for a stretch: a transaction
 * (every tenant request and job step is one). A transaction past `max` waits for a connection.
 */
export interface PoolActivity {
  /** Connections in the pool (1 for PGlite's single session). */
  readonly max: number;
  /** Transactions begun and not yet finished, waiting ones included. */
  inFlight: number;
  committed: number;
  rolledBack: number;
}

type AsyncMethod = (...args: never[]) => Promise<unknown>;

/** Replaces `owner[method]` (the driver's `begin`/`transaction`) by one that counts its calls. */
export function countTransactions<K extends string>(
  owner: Record<K, AsyncMethod>,
  method: K,
  max: number,
): PoolActivity {
  const activity: PoolActivity = { max, inFlight: 0, committed: 0, rolledBack: 0 };
  const original = owner[method].bind(owner);
  owner[method] = async (...args: never[]) => {
    activity.inFlight++;
    try {
      const result = await original(...args);
      activity.committed++;
      return result;
    } catch (error) {
      activity.rolledBack++;
      throw error;
    } finally {
      activity.inFlight--;
    }
  };
  return activity;
}
