import { afterAll, beforeAll, expect, it } from "vitest";
import journal from "../drizzle/meta/_journal.json";
import {
  documents,
  memberships,
  newId,
  queryRows,
  sql,
  transformations,
  users,
  workspaces,
} from "../src";
import { migrate } from "../src/migrate";
import { createTestDatabase, describeEachEngine, type TestDatabase } from "../src/testing";

describeEachEngine("schema", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database.destroy());

  async function tenantWithDocument() {
    const [workspace] = await database.owner.insert(workspaces).values({ name: "w" }).returning();
    const [document] = await database.owner
      .insert(documents)
      .values({
        workspaceId: workspace!.id,
        title: "Cats and dogs",
        format: "text",
        content: "Running cats chase dogs",
        size: 23,
        contentHash: "x",
      })
      .returning();
    return { workspace: workspace!, document: document! };
  }

  it("applies migrations idempotently", async () => {
    await migrate(database.ownerHandle);
    const [row] = await queryRows<{ count: number | string }>(
      database.owner,
      sql`select count(*) as count from drizzle.__drizzle_migrations`,
    );
    expect(Number(row!.count)).toBe(journal.entries.length);
  });

  it("makes time-ordered UUIDv7 ids", () => {
    const ids = Array.from({ length: 100 }, newId);
    expect(ids.every((id) => id[14] === "7")).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it("refuses, even to the owner, a transformation whose document belongs to another tenant", async () => {
    const a = await tenantWithDocument();
    const b = await tenantWithDocument();
    await expect(
      database.owner
        .insert(transformations)
        .values({ workspaceId: a.workspace.id, documentId: b.document.id, kind: "stats" }),
    ).rejects.toThrow();
    await database.owner
      .insert(transformations)
      .values({ workspaceId: b.workspace.id, documentId: b.document.id, kind: "stats" });
  });

  it("keeps a stemmed, weighted search vector in step with the content", async () => {
    const { document } = await tenantWithDocument();
    const match = (query: string) =>
      queryRows<{ id: string }>(
        database.owner,
        sql`select id from ${documents} where id = ${document.id} and search @@ websearch_to_tsquery('english', ${query})`,
      );
    expect(await match("chasing cat")).toHaveLength(1);
    expect(await match("giraffe")).toHaveLength(0);
    await database.owner
      .update(documents)
      .set({ content: "A giraffe" })
      .where(sql`id = ${document.id}`);
    expect(await match("giraffe")).toHaveLength(1);
  });

  it("keeps one membership per user and workspace, and one account per email", async () => {
    const { workspace } = await tenantWithDocument();
    const [user] = await database.owner
      .insert(users)
      .values({ email: `${newId()}@x.test`, name: "u", passwordHash: "h" })
      .returning();
    await database.owner
      .insert(memberships)
      .values({ workspaceId: workspace.id, userId: user!.id, role: "viewer" });
    await expect(
      database.owner
        .insert(memberships)
        .values({ workspaceId: workspace.id, userId: user!.id, role: "owner" }),
    ).rejects.toThrow();
    await expect(
      database.owner.insert(users).values({ email: user!.email, name: "again", passwordHash: "h" }),
    ).rejects.toThrow();
  });

  it("gives the application role no access to password hashes", async () => {
    const error: unknown = await database.owner
      .transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', 'transmute_app', true)`);
        await tx.execute(sql`select password_hash from users`);
      })
      .catch((caught: unknown) => caught);
    // drizzle wraps the driver's error; the database's own message is the cause.
    expect(String((error as Error).cause)).toMatch(/permission denied/);
  });
});

describeEachEngine("migrations under concurrency", (engine) => {
  it("lets several fresh databases migrate at once (the shared role is created once)", async () => {
    const databases = await Promise.all([1, 2, 3].map(() => createTestDatabase(engine)));
    await Promise.all(databases.map((database) => database.destroy()));
  }, 90_000);
});
