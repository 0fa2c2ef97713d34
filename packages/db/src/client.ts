import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { listenWithReconnect, type ListenSignals } from "./listener";
import { preparingStatements } from "./prepared-statements";
import { countTransactions, type PoolActivity } from "./pool-activity";
import * as schema from "./schema";

export type Schema = typeof schema;

/** What both engines have in common; a transaction is one too, so code takes either. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type Engine = "postgres" | "pglite";

export interface PoolOptions {
  /** Connections per process. */
  max: number;
  /** Seconds an idle connection is kept. */
  idleTimeout: number;
  /** Seconds before a connection is replaced, so server-side memory and failovers settle. */
  maxLifetime: number;
  /** Seconds to wait for a new connection. */
  connectTimeout: number;
  /**
   * Named prepared statements (postgres.js `prepare`). Off behind a transaction-mode pooler that
   * cannot track them per client (PgBouncer before 1.21).
   */
  prepare: boolean;
}

export const defaultPool: PoolOptions = {
  max: 10,
  idleTimeout: 30,
  maxLifetime: 1800,
  connectTimeout: 10,
  prepare: true,
};

export interface DatabaseOptions {
  /** A postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; when absent PGlite keeps everything in memory. */
  dataDir?: string;
  pool?: Partial<PoolOptions>;
  /**
   * Where LISTEN connects, when not `url`: LISTEN holds a session, which a transaction-mode
   * pooler (PgBouncer) cannot give, so it goes to PostgreSQL directly.
   */
  listenUrl?: string;
  logger?: Logger;
}

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  /** For the migrator and the readiness probe. */
  url?: string;
  pglite?: PGlite;
  /** Transactions open and finished in this process, for the metrics. */
  activity: PoolActivity;
  /**
   * LISTEN on a channel with a connection of its own, which comes back after the database does;
   * resolves to the function that stops.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    signals?: ListenSignals,
  ): Promise<() => Promise<void>>;
  /**
   * Whether the database takes writes now (reachable, not read-only, not a standby), asked on a
   * connection of its own so that it never waits behind a busy pool.
   */
  writable(): Promise<boolean>;
  close(): Promise<void>;
}

export async function createDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const { url, logger } = options;
  if (url) {
    const pool = { ...defaultPool, ...options.pool };
    const client = postgres(url, {
      max: pool.max,
      idle_timeout: pool.idleTimeout,
      max_lifetime: pool.maxLifetime,
      connect_timeout: pool.connectTimeout,
      // postgres.js waits up to 20 s between reconnection attempts after repeated failures; a
      // database back from a restart should be used within a second.
      backoff: (attempt: number) => Math.min(0.05 * attempt, 0.5),
      prepare: pool.prepare,
      onnotice: () => {},
    });
    const activity = countTransactions(client, "begin", pool.max);
    // drizzle asks for unnamed statements, which postgres.js sends in two round trips each; named
    // ones are planned once per connection. Off (DB_PREPARE=false) behind a transaction pooler
    // that cannot keep them.
    const db: Database = drizzlePostgres({
      client: pool.prepare ? preparingStatements(client) : client,
      schema,
      logger,
    });
    const probe = postgres(url, {
      max: 1,
      connect_timeout: 2,
      idle_timeout: 60,
      fetch_types: false,
      onnotice: () => {},
    });
    // LISTEN needs a session: behind a transaction pooler it goes to PostgreSQL directly.
    const listenUrl = options.listenUrl ?? url;
    return {
      db,
      engine: "postgres",
      url,
      activity,
      listen: (channel, onPayload, signals) =>
        listenWithReconnect(listenUrl, channel, onPayload, signals),
      writable: async () => {
        const [state] = await probe<{ writable: boolean }[]>`select not (pg_is_in_recovery()
          or current_setting('transaction_read_only')::boolean) as writable`;
        return state?.writable === true;
      },
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), probe.end({ timeout: 1 })]);
      },
    };
  }
  // PGlite creates its own folder but not the ones above it (.data/ on a fresh clone).
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = new PGlite(options.dataDir);
  await pglite.waitReady;
  const activity = countTransactions(pglite, "transaction", 1);
  const db: Database = drizzlePglite({ client: pglite, schema, logger });
  return {
    db,
    engine: "pglite",
    pglite,
    activity,
    listen: (channel, onPayload) => pglite.listen(channel, onPayload),
    // In the process's own memory: writable while it is open.
    writable: () => Promise.resolve(!pglite.closed),
    close: () => pglite.close(),
  };
}
