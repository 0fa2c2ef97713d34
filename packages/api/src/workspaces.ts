import { memberships, workspaces, type Database } from "@transmute/db";

/** A new workspace with its creator as owner; run inside the caller's transaction. */
export async function createWorkspaceWithOwner(db: Database, userId: string, name: string) {
  const [workspace] = await db.insert(workspaces).values({ name }).returning();
  await db.insert(memberships).values({ workspaceId: workspace!.id, userId, role: "owner" });
  return workspace!;
}
