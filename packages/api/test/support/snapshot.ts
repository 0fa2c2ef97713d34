import { queryRows, sql, type Database } from "@transmute/db";

/**
 * Every row of one workspace, in every table that has a workspace_id, plus its members' user
 * rows: taken before and after a call, it shows whether the call changed that tenant at all.
 */
export async function tenantSnapshot(db: Database, workspaceId: string) {
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'workspace_id' order by table_name`,
  );
  const snapshot: Record<string, unknown[]> = {};
  for (const { table_name } of tables) {
    snapshot[table_name] = await queryRows(
      db,
      sql`select to_jsonb(t) as row from ${sql.identifier(table_name)} t
          where workspace_id = ${workspaceId} order by to_jsonb(t)::text`,
    );
  }
  snapshot.users = await queryRows(
    db,
    sql`select to_jsonb(u) as row from users u
        join memberships m on m.user_id = u.id and m.workspace_id = ${workspaceId}
        order by u.id`,
  );
  return snapshot;
}
