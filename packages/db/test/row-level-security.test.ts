import { afterAll, beforeAll, expect, it } from "vitest";
import {
  apiKeys,
  APP_ROLE,
  assertLeastPrivilege,
  createDatabase,
  documents,
  memberships,
  queryRows,
  sql,
  users,
  withTenant,
  withUser,
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
    const [workspace] = await database.owner.insert(workspaces).values({ name }).returning();
    await database.owner.insert(documents).values({
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
    const [{ owner } = { owner: "" }] = await queryRows<{ owner: string }>(
      database.owner,
      sql`select current_user as owner`,
    );
    for (const table of tables) {
      expect(table, table.table).toMatchObject({ enabled: true, forced: true });
      // The application role, and the owner for the SECURITY DEFINER lookups; no one else.
      expect(table.roles.filter((role) => role !== owner)).toEqual([APP_ROLE]);
      // '*' is one policy for every command; otherwise reads and each kind of write need one.
      const covered =
        table.commands.includes("*") ||
        ["r", "a", "w", "d"].every((c) => table.commands.includes(c));
      expect(covered, `${table.table} policies: ${table.commands.join(",")}`).toBe(true);
    }
  });

  it("runs as a login role that is not a superuser, owns nothing and cannot bypass it", async () => {
    const [role] = await queryRows(
      database.owner,
      sql`select rolsuper as super, rolbypassrls as bypass, rolcanlogin as login, rolcreaterole as createrole
          from pg_roles where rolname = ${APP_ROLE}`,
    );
    expect(role).toEqual({ super: false, bypass: false, login: true, createrole: false });
    const owned = await queryRows(
      database.owner,
      sql`select c.relname from pg_class c join pg_roles r on r.oid = c.relowner
          where r.rolname = ${APP_ROLE}`,
    );
    expect(owned).toEqual([]);
    const [inside] = await withTenant(database.db, await tenant("role-check"), (tx) =>
      queryRows(tx, sql`select current_user as user`),
    );
    expect(inside).toEqual({ user: APP_ROLE });
    // Outside any transaction too: the connection itself is the application role.
    expect(await queryRows(database.db, sql`select current_user as user`)).toEqual([
      { user: APP_ROLE },
    ]);
    await expect(assertLeastPrivilege(database.db)).resolves.toBeUndefined();
    await expect(assertLeastPrivilege(database.owner)).rejects.toThrow(/row-level security/);
  });

  it("shows the runtime connection no tenant row at all outside a tenant transaction", async () => {
    const workspaceId = await tenant("unset-a");
    const [user] = await database.owner
      .insert(users)
      .values({ email: "unset@example.test", name: "Unset", passwordHash: "h" })
      .returning();
    await database.owner
      .insert(memberships)
      .values({ workspaceId, userId: user!.id, role: "owner" });
    // Every table with rows in it, as the owner sees them, and as the runtime role does.
    const tables = await queryRows<{ table: string }>(
      database.owner,
      sql`select c.relname as table from pg_class c
          where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
            and c.relname not like '\_\_drizzle%' and c.relname not in ('login_throttle', 'rate_limits')
          order by 1`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(12);
    const seen: Record<string, number> = {};
    for (const { table } of tables) {
      const count = async (db: Database) => {
        const rows = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from ${sql.identifier(table)}`,
        ).catch((error: unknown) => {
          // No grant at all is as good as no rows.
          if (/permission denied/.test(String((error as Error).cause ?? error))) return [{ n: 0 }];
          throw error;
        });
        return rows[0]!.n;
      };
      seen[table] = await count(database.db);
      // In a transaction, but with neither context set: still nothing.
      seen[`${table} (transaction)`] = await database.db.transaction((tx) => count(tx));
    }
    expect(
      Object.values(seen).every((n) => n === 0),
      JSON.stringify(seen),
    ).toBe(true);
    // And the owner does see them, so the zeros mean something.
    const [owned] = await queryRows<{ n: number }>(
      database.owner,
      sql`select count(*)::int as n from documents`,
    );
    expect(owned!.n).toBeGreaterThan(0);
    // Nor can it become someone else: no role it may SET is more than itself. (PGlite has one
    // user, the owner, whose session merely sets the role, so there the process itself is the
    // boundary, as its data files are.)
    if (engine === "postgres") {
      await expect(
        database.db.transaction((tx) => tx.execute(sql`set local role postgres`)),
      ).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/permission denied/) as unknown },
      });
    }
  });

  it("shows a person their own account, memberships and workspaces, and no one else's", async () => {
    const mine = await tenant("own-a");
    const theirs = await tenant("own-b");
    const [me, other] = await database.owner
      .insert(users)
      .values([
        { email: "me@example.test", name: "Me", passwordHash: "h" },
        { email: "other@example.test", name: "Other", passwordHash: "h" },
      ])
      .returning();
    await database.owner.insert(memberships).values([
      { workspaceId: mine, userId: me!.id, role: "owner" },
      { workspaceId: theirs, userId: other!.id, role: "owner" },
    ]);
    const seen = await withUser(database.db, me!.id, async (tx) => ({
      users: (await tx.select({ id: users.id }).from(users)).map((row) => row.id),
      memberships: (await tx.select().from(memberships)).map((row) => row.workspaceId),
      workspaces: (await tx.select().from(workspaces)).map((row) => row.id),
      documents: await tx.select().from(documents),
    }));
    expect(seen).toEqual({
      users: [me!.id],
      memberships: [mine],
      workspaces: [mine],
      documents: [],
    });
    const passwordHash = withUser(database.db, me!.id, (tx) =>
      tx.select({ hash: users.passwordHash }).from(users),
    );
    await expect(passwordHash).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/permission denied/) as unknown },
    });
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
    const planted = await database.owner
      .select()
      .from(documents)
      .where(sql`title = 'planted'`);
    expect(planted).toEqual([]);
  });

  it("lets the application role list a workspace's API keys but never read their hashes", async () => {
    const workspaceId = await tenant("keys");
    await database.owner.insert(apiKeys).values({
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
    // The runtime connection is always the application role; only the tenant is per request.
    try {
      const titles = (workspaceId: string) =>
        withTenant(single.db, workspaceId, (tx) =>
          queryRows<{ title: string }>(tx, sql`select title from documents`),
        );
      expect(await titles(a)).toEqual([{ title: "pool-a's document" }]);
      const [between] = await queryRows(
        single.db,
        sql`select coalesce(current_setting('app.workspace_id', true), '') as workspace`,
      );
      expect(between).toEqual({ workspace: "" });
      expect(await titles(b)).toEqual([{ title: "pool-b's document" }]);
    } finally {
      if (single !== database) await single.close();
    }
  });
});
