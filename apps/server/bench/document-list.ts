// `pnpm bench`: document.list (a page of 20, each with its latest transformations) under load,
// called with an access token (JWT) and then with an API key in the same run. Prints req/s,
// latency percentiles and SQL statements per request for each engine and credential.
// BENCH_ENGINES=postgres,pglite  BENCH_CONNECTIONS=64  BENCH_SECONDS=10
import { sql, transformations, withTenant, type Engine } from "@transmute/db";
import { postgresReachable } from "@transmute/db/test-database";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import autocannon from "autocannon";
import superjson from "superjson";
import { createLogger, jobSettingsFrom, startServer } from "../src";
import { benchEnv } from "./env";
import { signUp } from "./sign-up";

const engines = (process.env.BENCH_ENGINES ?? "postgres,pglite").split(",") as Engine[];
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const DOCUMENTS = 200;

async function bench(engine: Engine) {
  if (engine === "postgres" && !(await postgresReachable())) {
    console.log("postgres: not reachable, skipped");
    return;
  }
  const statements = { count: 0 };
  const env = benchEnv({ DB_POOL_MAX: "20" });
  const database = await createJobsTestDatabase(engine, jobSettingsFrom(env), {
    logger: { logQuery: () => void statements.count++ },
  });
  const server = await startServer(env, createLogger(env), database);
  try {
    const { tokens, workspace, api } = await signUp(env, database, server);
    for (let i = 0; i < DOCUMENTS; i++) {
      const doc = await api.document.create({
        title: `Document ${i}`,
        format: "markdown",
        content: `# Document ${i}\n\n${"Lorem ipsum dolor sit amet. ".repeat(40)}`,
        tags: ["bench"],
      });
      await withTenant(database.db, workspace.id, (tx) =>
        tx.insert(transformations).values(
          ["stats", "summarize", "keywords", "outline"].map((kind) => ({
            workspaceId: workspace.id,
            documentId: doc.id,
            kind,
            status: "succeeded" as const,
            progress: 100,
          })),
        ),
      );
    }
    // A freshly seeded table has no statistics yet; autovacuum would gather them in production.
    await database.owner.execute(sql`analyze`);
    const { secret } = await api.apiKey.create({ name: "bench", scopes: ["documents:read"] });
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ limit: 20 })));
    // The same list, with the access token and then with an API key (looked up on every call).
    for (const [credential, bearer] of [
      ["JWT", tokens.accessToken],
      ["API key", secret],
    ] as const) {
      // Let the previous run's last requests finish, and stamp the key's first use, before counting.
      await fetch(`${server.url}/trpc/document.list?input=${input}`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const before = statements.count;
      const result = await autocannon({
        url: `${server.url}/trpc/document.list?input=${input}`,
        headers: { authorization: `Bearer ${bearer}` },
        connections,
        duration,
        // The load generator gets its own thread, so it does not steal the server's event loop.
        workers: 1,
      });
      const requests = result.requests.total;
      console.log(
        `${engine.padEnd(8)} ${credential.padEnd(7)} ${String(connections).padStart(3)} conns ${duration}s: ` +
          `${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
          `${result.non2xx} non-2xx, ${result.errors} errors, ${((statements.count - before) / requests).toFixed(2)} SQL statements/request`,
      );
    }
  } finally {
    await server.close();
    await database.destroy();
  }
}

console.log(
  `document.list, page of 20 with latest transformations, ${DOCUMENTS} documents x 4 transformations`,
);
for (const engine of engines) await bench(engine);
