import { sql } from "drizzle-orm";
import type { Database } from "./client";

/**
 * The role the server and worker log in as: it owns nothing, is no superuser and has no
 * BYPASSRLS, so what it sees is what the two transaction-local settings below let it see.
 */
export const APP_ROLE = "transmute_app";

/**
 * Runs `work` in a transaction scoped to one workspace: row-level security applies from the
 * first statement, whatever filters the queries inside remember to add. The setting is
 * transaction-local, so a pooled connection (or PgBouncer in transaction mode) carries nothing
 * to the next request.
 */
export function withTenant<T>(
  db: Database,
  workspaceId: string,
  work: (tx: Database) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await enterWorkspace(tx, workspaceId);
    return work(tx);
  });
}

/**
 * Runs `work` in a transaction that sees one person's own rows: their account, memberships, the
 * workspaces they belong to and their sessions. What happens inside a workspace also needs
 * `enterWorkspace`.
 */
export function withUser<T>(
  db: Database,
  userId: string,
  work: (tx: Database) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.user_id', ${userId}, true)`);
    return work(tx);
  });
}

/** Makes a workspace the tenant of the rest of the transaction (a sign-in, a new workspace). */
export async function enterWorkspace(tx: Database, workspaceId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.workspace_id', ${workspaceId}, true)`);
}
