import {
  assertLeastPrivilege,
  createDatabase,
  defaultDataDir,
  enterAppRole,
  migrate,
  type DatabaseHandle,
} from "@transmute/db";
import { prepareQueue } from "@transmute/jobs";
import { jobSettingsFrom, type Env } from "./env";

/** Migrations and the job queue's schema, as the owner (the only work the owner does). */
export async function setUpDatabase(owner: DatabaseHandle, env: Env): Promise<void> {
  await migrate(owner, env.MIGRATIONS_DIR);
  await prepareQueue(owner, jobSettingsFrom(env));
}

/**
 * The database as the server and worker use it: logged in as the application role, which row-level
 * security binds. With DATABASE_OWNER_URL the database is set up first as its owner; without it,
 * `pnpm db:migrate` must have done that. The embedded PGlite is set up and then lowers its one
 * session to the application role.
 */
export async function connectDatabase(env: Env): Promise<DatabaseHandle> {
  const pool = {
    max: env.DB_POOL_MAX,
    idleTimeout: env.DB_IDLE_TIMEOUT,
    maxLifetime: env.DB_MAX_LIFETIME,
    connectTimeout: env.DB_CONNECT_TIMEOUT,
    prepare: env.DB_PREPARE,
  };
  if (!env.DATABASE_URL) {
    const embedded = await createDatabase({ dataDir: env.PGLITE_DIR ?? defaultDataDir });
    await setUpDatabase(embedded, env);
    await enterAppRole(embedded);
    return embedded;
  }
  if (env.DATABASE_OWNER_URL) {
    const owner = await createDatabase({ url: env.DATABASE_OWNER_URL, pool: { ...pool, max: 2 } });
    try {
      await setUpDatabase(owner, env);
    } finally {
      await owner.close();
    }
  }
  const database = await createDatabase({
    url: env.DATABASE_URL,
    listenUrl: env.DATABASE_LISTEN_URL,
    pool,
  });
  try {
    await assertLeastPrivilege(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
