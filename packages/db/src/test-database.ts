// A fresh, migrated database per test file or benchmark run, on either engine, used the way the
// server uses it: as the application role, with the owner kept apart for setting up test data.
import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import postgres from "postgres";
import { appRoleUrl, enterAppRole } from "./app-role";
import { createDatabase, type Database, type DatabaseHandle, type Engine } from "./client";
import { migrate } from "./migrate";
import * as schema from "./schema";

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

/** The application's view (`db`, `url`: the runtime role), plus the owner's for test data. */
export interface TestDatabase extends DatabaseHandle {
  /** As the owner: inserts and reads past row-level security, for fixtures and snapshots. */
  owner: Database;
  /** The owner's handle, for what migrates (its `url` on PostgreSQL). */
  ownerHandle: DatabaseHandle;
  /** Closes the handles and, on PostgreSQL, drops the database. */
  destroy(): Promise<void>;
}

export interface TestDatabaseOptions {
  logger?: Logger;
  /** Runs as the owner after the migrations (the job queue installs its schema so). */
  prepare?: (owner: DatabaseHandle) => Promise<void>;
}

/**
 * The owner's view of a PGlite whose session runs as the application role: each statement or
 * transaction runs in a transaction of its own that takes the owner's role back locally.
 */
function pgliteOwner(pglite: PGlite): Database {
  const asOwner = <T>(work: (tx: Pick<PGlite, "query" | "exec">) => Promise<T>) =>
    pglite.transaction(async (tx) => {
      await tx.exec("set local role none");
      return work(tx);
    });
  const client = new Proxy(pglite, {
    get(target, property, receiver) {
      if (property === "query") {
        return (...args: Parameters<PGlite["query"]>) => asOwner((tx) => tx.query(...args));
      }
      if (property === "exec") {
        return (...args: Parameters<PGlite["exec"]>) => asOwner((tx) => tx.exec(...args));
      }
      if (property === "transaction") {
        return (work: Parameters<PGlite["transaction"]>[0]) =>
          pglite.transaction(async (tx) => {
            await tx.exec("set local role none");
            return work(tx);
          });
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return drizzlePglite({ client, schema });
}

/** A migrated database of its own: in-memory PGlite, or a new database on the PostgreSQL server. */
export async function createTestDatabase(
  engine: Engine,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const { logger, prepare } = options;
  if (engine === "pglite") {
    const handle = await createDatabase({ logger });
    await migrate(handle);
    await prepare?.(handle);
    await enterAppRole(handle);
    const owner = pgliteOwner(handle.pglite!);
    return {
      ...handle,
      owner,
      ownerHandle: { ...handle, db: owner },
      destroy: () => handle.close(),
    };
  }
  const name = `transmute_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const ownerUrl = new URL(testDatabaseUrl);
  ownerUrl.pathname = `/${name}`;
  const owner = await createDatabase({ url: ownerUrl.toString(), pool: { max: 2 } });
  await migrate(owner);
  await prepare?.(owner);
  // Trust authentication here: the application role logs in without a password.
  const handle = await createDatabase({
    url: appRoleUrl(ownerUrl.toString()),
    logger,
    pool: { max: 5 },
  });
  return {
    ...handle,
    owner: owner.db,
    ownerHandle: owner,
    destroy: async () => {
      await handle.close();
      await owner.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
