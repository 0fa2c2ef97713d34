// A fresh, migrated database per test file or benchmark run, on either engine.
import { randomBytes } from "node:crypto";
import type { Logger } from "drizzle-orm";
import postgres from "postgres";
import { createDatabase, type DatabaseHandle, type Engine } from "./client";
import { migrate } from "./migrate";

export const testDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let reachable: Promise<boolean> | undefined;
export function postgresReachable(): Promise<boolean> {
  return (reachable ??= (async () => {
    const client = postgres(testDatabaseUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
    try {
      await client`select 1`;
      return true;
    } catch {
      return false;
    } finally {
      await client.end({ timeout: 1 });
    }
  })());
}

export interface TestDatabase extends DatabaseHandle {
  /** Closes the handle and, on PostgreSQL, drops the database. */
  destroy(): Promise<void>;
}

/** A migrated database of its own: in-memory PGlite, or a new database on the PostgreSQL server. */
export async function createTestDatabase(engine: Engine, logger?: Logger): Promise<TestDatabase> {
  if (engine === "pglite") {
    const handle = await createDatabase({ logger });
    await migrate(handle);
    return { ...handle, destroy: () => handle.close() };
  }
  const name = `transmute_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const handle = await createDatabase({ url: url.toString(), logger, pool: { max: 5 } });
  await migrate(handle);
  return {
    ...handle,
    destroy: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
