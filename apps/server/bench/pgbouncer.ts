// `pnpm --filter @transmute/server bench:pgbouncer`: document.list req/s with the server connected to
// PostgreSQL directly (prepared statements on, then off) and through PgBouncer in transaction mode
// (prepared statements off: PgBouncer 1.18 cannot keep them per client), in the same run.
// Needs Debian's pgbouncer and the PostgreSQL at TEST_DATABASE_URL. BENCH_SECONDS=10 BENCH_CONNECTIONS=32
import { createCaller, createContextInner, defaultAuthSettings } from "@transmute/api";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import autocannon from "autocannon";
import superjson from "superjson";
import { connectDatabase, createLogger, jobSettingsFrom, startServer } from "../src";
import { startPgbouncer } from "../test/pgbouncer";
import { benchEnv } from "./env";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = 6439;

const database = await createJobsTestDatabase("postgres", jobSettingsFrom(benchEnv({})));
const direct = new URL(database.url!);
const pgbouncer = await startPgbouncer(direct.toString(), PORT);
const pooled = new URL(pgbouncer.url);

try {
  const seedEnv = benchEnv({ WORKER_ENABLED: "false" });
  const seeder = await startServer(seedEnv, createLogger(seedEnv), database);
  const deps = {
    db: database.db,
    auth: { ...defaultAuthSettings, jwtSecret: seedEnv.JWT_SECRET },
    exposeInternalErrors: false,
    jobs: seeder.jobs,
  };
  const { tokens } = await createCaller(createContextInner(deps)).auth.register({
    email: "bench@example.test",
    password: "bench password",
    name: "Bench",
  });
  const api = createCaller(createContextInner(deps, tokens.accessToken));
  for (let i = 0; i < 100; i++)
    await api.document.create({ title: `Document ${i}`, format: "markdown", content: `# ${i}` });
  await seeder.close();
  const input = encodeURIComponent(JSON.stringify(superjson.serialize({ limit: 20 })));

  console.log(`document.list, page of 20, ${connections} connections, ${duration}s each`);
  for (const [label, url, prepare] of [
    ["direct, prepared", direct, "true"],
    ["direct, unprepared", direct, "false"],
    ["pgbouncer, unprepared", pooled, "false"],
  ] as const) {
    const env = benchEnv({
      DATABASE_URL: url.toString(),
      DATABASE_LISTEN_URL: direct.toString(),
      DB_PREPARE: prepare,
      DB_POOL_MAX: "20",
      WORKER_ENABLED: "false",
    });
    const server = await startServer(env, createLogger(env), await connectDatabase(env));
    try {
      const target = `${server.url}/trpc/document.list?input=${input}`;
      const headers = { authorization: `Bearer ${tokens.accessToken}` };
      await fetch(target, { headers });
      const result = await autocannon({ url: target, headers, connections, duration, workers: 1 });
      console.log(
        `${label.padEnd(22)} ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, ` +
          `p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`,
      );
    } finally {
      await server.close();
    }
  }
} finally {
  await pgbouncer.stop();
  await database.destroy();
}
