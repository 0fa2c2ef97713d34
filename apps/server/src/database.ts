import {
  assertLeastPrivilege,
  createDatabase,
  defaultDataDir,
  enterAppRole,
  isDatabaseUnavailable,
  migrate,
  type DatabaseHandle,
} from "@transmute/db";
import { prepareQueue } from "@transmute/jobs";
import { jobSettingsFrom, type Env } from "./env";
import type { Logger } from "./logger";

/** Migrations and the job queue's schema, as the owner (the only work the owner does). */
export async function setUpDatabase(owner: DatabaseHandle, env: Env): Promise<void> {
  await migrate(owner, env.MIGRATIONS_DIR);
  await prepareQueue(owner, jobSettingsFrom(env));
}

/**
 * Runs `attempt` until it works, while the database is still starting or not yet reachable (up
 * to DB_STARTUP_TIMEOUT), rather than giving up at once.
 */
async function whenReachable<T>(env: Env, logger: Logger | undefined, attempt: () => Promise<T>) {
  const giveUp = Date.now() + env.DB_STARTUP_TIMEOUT * 1000;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() > giveUp) throw error;
      logger?.warn({ err: error }, "waiting for the database");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/**
 * The database as the server and worker use it: logged in as the application role, which row-level
 * security binds. With DATABASE_OWNER_URL the database is set up first as its owner; without it,
 * `pnpm db:migrate` must have done that. The embedded PGlite is set up and then lowers its one
 * session to the application role.
 */
export async function connectDatabase(env: Env, logger?: Logger): Promise<DatabaseHandle> {
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
  const { DATABASE_URL: url, DATABASE_OWNER_URL: ownerUrl } = env;
  if (ownerUrl) {
    const owner = await createDatabase({ url: ownerUrl, pool: { ...pool, max: 2 } });
    try {
      await whenReachable(env, logger, () => setUpDatabase(owner, env));
    } finally {
      await owner.close();
    }
  }
  const database = await createDatabase({ url, listenUrl: env.DATABASE_LISTEN_URL, pool });
  try {
    await whenReachable(env, logger, () => assertLeastPrivilege(database.db));
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
