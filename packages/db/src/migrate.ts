import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { DatabaseHandle } from "./client";

/**
 * The committed migrations: beside the source (`packages/db/drizzle`), or, in the server's
 * production bundle, the copy its build puts beside it (`dist/drizzle`). Found from this module's
 * own location, so it does not matter where the process was started.
 */
export const defaultMigrationsFolder =
  [new URL("../drizzle", import.meta.url), new URL("./drizzle", import.meta.url)]
    .map((url) => fileURLToPath(url))
    .find((folder) => existsSync(join(folder, "meta", "_journal.json"))) ??
  fileURLToPath(new URL("../drizzle", import.meta.url));

/** Any constant; it only has to be the same in every process that migrates this database. */
const MIGRATION_LOCK = 7_362_019;

/**
 * Applies the committed migrations. On PostgreSQL it holds an advisory lock on one dedicated
 * connection, so several servers starting together migrate once.
 */
export async function migrate(
  handle: DatabaseHandle,
  migrationsFolder: string = defaultMigrationsFolder,
): Promise<void> {
  if (handle.engine === "pglite") {
    await migratePglite(handle.db as Parameters<typeof migratePglite>[0], { migrationsFolder });
    return;
  }
  const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzle({ client }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
