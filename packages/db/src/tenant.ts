import { sql } from "drizzle-orm";
import type { Database } from "./client";

/** The role tenant work runs as: not the owner, no superuser, no BYPASSRLS. */
export const APP_ROLE = "transmute_app";

/**
 * Runs `work` in a transaction scoped to one workspace: row-level security applies from the
 * first statement, whatever filters the queries inside remember to add. Both settings are
 * transaction-local, so a pooled connection (or PgBouncer in transaction mode) is safe.
 */
export function withTenant<T>(
  db: Database,
  workspaceId: string,
  work: (tx: Database) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.workspace_id', ${workspaceId}, true)`,
    );
    return work(tx);
  });
}
