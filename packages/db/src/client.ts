import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
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
  /** LISTEN on a channel with a connection of its own; resolves to the function that stops. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
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
      prepare: pool.prepare,
      onnotice: () => {},
    });
    const activity = countTransactions(client, "begin", pool.max);
    const listener = options.listenUrl
      ? postgres(options.listenUrl, { max: 1, onnotice: () => {} })
      : client;
    const db: Database = drizzlePostgres({ client, schema, logger });
    return {
      db,
      engine: "postgres",
      url,
      activity,
      listen: async (channel, onPayload) => {
        const subscription = await listener.listen(channel, onPayload);
        return () => subscription.unlisten();
      },
      close: async () => {
        if (listener !== client) await listener.end({ timeout: 5 });
        await client.end({ timeout: 5 });
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
    close: () => pglite.close(),
  };
}
