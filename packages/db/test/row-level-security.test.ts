import { afterAll, beforeAll, expect, it } from "vitest";
import {
  apiKeys,
  APP_ROLE,
  createDatabase,
  documents,
  queryRows,
  sql,
  withTenant,
  workspaces,
  type Database,
} from "../src";
import { createTestDatabase, describeEachEngine, type TestDatabase } from "../src/testing";

const violatesPolicy: unknown = expect.stringMatching(/violates row-level security policy/);

describeEachEngine("row-level security", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database.destroy());

  async function tenant(name: string) {
    const [workspace] = await database.db.insert(workspaces).values({ name }).returning();
    await database.db.insert(documents).values({
      workspaceId: workspace!.id,
      title: `${name}'s document`,
      format: "text",
      content: name,
      size: name.length,
      contentHash: "x",
    });
    return workspace!.id;
  }

  it("is enabled and forced on every table with a workspace_id, with policies for reads and writes", async () => {
    const tables = await queryRows<{
      table: string;
      enabled: boolean;
      forced: boolean;
      commands: string[];
      roles: string[];
    }>(
      database.db,
      sql`select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
                 coalesce(array_agg(distinct p.polcmd::text) filter (where p.polcmd is not null), '{}') as commands,
                 coalesce(array_agg(distinct r.rolname) filter (where r.rolname is not null), '{}') as roles
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
          join pg_attribute a on a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped
          left join pg_policy p on p.polrelid = c.oid
          left join pg_roles r on r.oid = any(p.polroles)
          where c.relkind = 'r'
          group by c.relname, c.relrowsecurity, c.relforcerowsecurity
          order by c.relname`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(11);
    for (const table of tables) {
      expect(table, table.table).toMatchObject({ enabled: true, forced: true, roles: [APP_ROLE] });
      // '*' is one policy for every command; otherwise reads and each kind of write need one.
      const covered =
        table.commands.includes("*") ||
        ["r", "a", "w", "d"].every((c) => table.commands.includes(c));
      expect(covered, `${table.table} policies: ${table.commands.join(",")}`).toBe(true);
    }
  });

  it("runs tenant work as a role that is not a superuser, owns nothing and cannot bypass it", async () => {
    const [role] = await queryRows(
      database.db,
      sql`select rolsuper as super, rolbypassrls as bypass, rolcanlogin as login, rolcreaterole as createrole
          from pg_roles where rolname = ${APP_ROLE}`,
    );
    expect(role).toEqual({ super: false, bypass: false, login: false, createrole: false });
    const owned = await queryRows(
      database.db,
      sql`select c.relname from pg_class c join pg_roles r on r.oid = c.relowner
          where r.rolname = ${APP_ROLE}`,
    );
    expect(owned).toEqual([]);
    const [inside] = await withTenant(database.db, await tenant("role-check"), (tx) =>
      queryRows(tx, sql`select current_user as user`),
    );
    expect(inside).toEqual({ user: APP_ROLE });
  });

  it("shows the application role nothing when no tenant is set", async () => {
    await tenant("unset-a");
    const asAppRole = <T>(work: (tx: Database) => Promise<T>) =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
        return work(tx);
      });
    expect(await asAppRole((tx) => tx.select().from(documents))).toEqual([]);
    expect(await asAppRole((tx) => tx.select().from(workspaces))).toEqual([]);
  });

  it("refuses a row written into another tenant with the policy's WITH CHECK", async () => {
    const a = await tenant("check-a");
    const b = await tenant("check-b");
    const insertIntoB = withTenant(database.db, a, (tx) =>
      tx.insert(documents).values({
        workspaceId: b,
        title: "planted",
        format: "text",
        content: "x",
        size: 1,
        contentHash: "x",
      }),
    );
    await expect(insertIntoB).rejects.toMatchObject({ cause: { message: violatesPolicy } });
    const moveToB = withTenant(database.db, a, (tx) =>
      tx.update(documents).set({ workspaceId: b }).returning(),
    );
    await expect(moveToB).rejects.toMatchObject({ cause: { message: violatesPolicy } });
    const planted = await database.db
      .select()
      .from(documents)
      .where(sql`title = 'planted'`);
    expect(planted).toEqual([]);
  });

  it("lets the application role list a workspace's API keys but never read their hashes", async () => {
    const workspaceId = await tenant("keys");
    await database.db.insert(apiKeys).values({
      workspaceId,
      name: "ci",
      prefix: "tm_live_abcdef",
      keyHash: "f".repeat(64),
      scopes: ["documents:read"],
    });
    const listed = await withTenant(database.db, workspaceId, (tx) =>
      tx.select({ name: apiKeys.name }).from(apiKeys),
    );
    expect(listed).toEqual([{ name: "ci" }]);
    const hashes = withTenant(database.db, workspaceId, (tx) =>
      tx.select({ hash: apiKeys.keyHash }).from(apiKeys),
    );
    await expect(hashes).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/permission denied/) as unknown },
    });
  });

  it("leaves no tenant setting behind on a pooled connection between requests", async () => {
    const a = await tenant("pool-a");
    const b = await tenant("pool-b");
    // One connection, so request B is sure to get the connection request A used.
    const single =
      engine === "pglite"
        ? database
        : await createDatabase({ url: database.url!, pool: { max: 1 } });
    try {
      const titles = (workspaceId: string) =>
        withTenant(single.db, workspaceId, (tx) =>
          queryRows<{ title: string }>(tx, sql`select title from documents`),
        );
      expect(await titles(a)).toEqual([{ title: "pool-a's document" }]);
      const [between] = await queryRows(
        single.db,
        sql`select coalesce(current_setting('app.workspace_id', true), '') as workspace,
                   current_user = ${APP_ROLE} as app_role`,
      );
      expect(between).toEqual({ workspace: "", app_role: false });
      expect(await titles(b)).toEqual([{ title: "pool-b's document" }]);
    } finally {
      if (single !== database) await single.close();
    }
  });
});
