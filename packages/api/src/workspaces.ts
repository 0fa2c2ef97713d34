import {
  enterWorkspace,
  eq,
  memberships,
  newId,
  transformations,
  workspaces,
  type Database,
} from "@transmute/db";

/**
 * A new workspace with its creator as owner; run inside the caller's transaction, which becomes
 * the new workspace's tenant transaction (row-level security admits its rows only so).
 */
export async function createWorkspaceWithOwner(db: Database, userId: string, name: string) {
  const id = newId();
  await enterWorkspace(db, id);
  const [workspace] = await db.insert(workspaces).values({ id, name }).returning();
  await db.insert(memberships).values({ workspaceId: id, userId, role: "owner" });
  return workspace!;
}

const DELETE_ATTEMPTS = 3;

const isDeadlock = (error: unknown): boolean =>
  error instanceof Error &&
  ((error as { code?: unknown }).code === "40P01" || isDeadlock(error.cause));

/**
 * Deletes a workspace, and by cascade everything in it, inside the caller's tenant transaction.
 *
 * Transformations go first: a worker writing one locks its row and then, through the foreign key
 * of the event it logs, the workspace row; the cascade from the workspace row alone would take
 * the two in the other order and deadlock with it. Other writers do the same with rows only the
 * cascade reaches (a session being refreshed, an invitation being accepted); should PostgreSQL
 * pick the delete as a deadlock's victim, it is retried from a savepoint, which the other side
 * has by then committed past.
 */
export async function deleteWorkspace(db: Database, workspaceId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (savepoint) => {
        await savepoint.delete(transformations).where(eq(transformations.workspaceId, workspaceId));
        await savepoint.delete(workspaces).where(eq(workspaces.id, workspaceId));
      });
    } catch (error) {
      if (attempt === DELETE_ATTEMPTS || !isDeadlock(error)) throw error;
    }
  }
}
