// `pnpm bench:rls`: what the tenant transaction costs document.list. The same two statements
// (membership check, then a page of 20 documents with their latest transformations, as the API
// sends them) run with and without the row-level-security transaction around them, alternating
// in one run. Prints ops/s and latency percentiles for each.
// BENCH_ENGINES=postgres,pglite  BENCH_CONCURRENCY=20  BENCH_SECONDS=5
import {
  and,
  desc,
  documents,
  eq,
  memberships,
  sql,
  transformations,
  users,
  withTenant,
  workspaces,
  type Database,
  type Engine,
} from "@transmute/db";
import { createTestDatabase, postgresReachable } from "@transmute/db/test-database";

const engines = (process.env.BENCH_ENGINES ?? "postgres,pglite").split(",") as Engine[];
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const DOCUMENTS = 200;

async function seed(db: Database) {
  const [user] = await db
    .insert(users)
    .values({ email: "rls@example.test", name: "RLS", passwordHash: "-" })
    .returning();
  const [workspace] = await db.insert(workspaces).values({ name: "RLS bench" }).returning();
  await db
    .insert(memberships)
    .values({ workspaceId: workspace!.id, userId: user!.id, role: "owner" });
  for (let i = 0; i < DOCUMENTS; i++) {
    const [document] = await db
      .insert(documents)
      .values({
        workspaceId: workspace!.id,
        title: `Document ${i}`,
        format: "markdown",
        content: `# Document ${i}\n\n${"Lorem ipsum dolor sit amet. ".repeat(40)}`,
        size: 1000,
        contentHash: "-",
      })
      .returning({ id: documents.id });
    await db.insert(transformations).values(
      ["stats", "summarize", "keywords", "outline"].map((kind) => ({
        workspaceId: workspace!.id,
        documentId: document!.id,
        kind,
        status: "succeeded" as const,
        progress: 100,
      })),
    );
  }
  await db.execute(sql`analyze`);
  return { userId: user!.id, workspaceId: workspace!.id };
}

/** The statements of one document.list call, as workspaceProcedure and the router send them. */
async function listPage(db: Database, workspaceId: string, userId: string) {
  await db
    .select({ workspace: workspaces, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return db.query.documents.findMany({
    columns: { search: false, content: false },
    extras: { excerpt: sql<string>`left(${documents.content}, 280)`.as("excerpt") },
    where: eq(documents.workspaceId, workspaceId),
    orderBy: desc(documents.id),
    limit: 21,
    with: { transformations: { orderBy: desc(transformations.id), limit: 3 } },
  });
}

async function measure(work: () => Promise<unknown>) {
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const start = performance.now();
        await work();
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((x, y) => x - y);
  const at = (q: number) => latencies[Math.floor(q * (latencies.length - 1))]!.toFixed(1);
  return { perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

async function bench(engine: Engine) {
  if (engine === "postgres" && !(await postgresReachable())) {
    console.log("postgres: not reachable, skipped");
    return;
  }
  const database = await createTestDatabase(engine);
  try {
    const { userId, workspaceId } = await seed(database.owner);
    const variants = {
      "with RLS transaction": () =>
        withTenant(database.db, workspaceId, (tx) => listPage(tx, workspaceId, userId)),
      "without (filters only)": () => listPage(database.owner, workspaceId, userId),
    };
    const rows = await variants["with RLS transaction"]();
    if (rows.length !== 21) throw new Error(`expected a full page, got ${rows.length}`);
    // Alternating rounds, so drift (warm-up, autovacuum) falls on both sides alike.
    const totals = new Map<string, { perSecond: number; p50: string; p99: string }[]>();
    for (let round = 0; round < 2; round++) {
      for (const [name, work] of Object.entries(variants)) {
        totals.set(name, [...(totals.get(name) ?? []), await measure(work)]);
      }
    }
    for (const [name, results] of totals) {
      const perSecond = results.reduce((sum, r) => sum + r.perSecond, 0) / results.length;
      console.log(
        `${engine.padEnd(8)} ${name.padEnd(24)} ${perSecond.toFixed(0)} lists/s, ` +
          results.map((r) => `p50 ${r.p50} ms p99 ${r.p99} ms`).join(" | "),
      );
    }
  } finally {
    await database.destroy();
  }
}

for (const engine of engines) await bench(engine);
