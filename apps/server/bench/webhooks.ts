// `pnpm --filter @transmute/server bench:webhooks`: how long after a transformation finishes its
// `transformation.succeeded` webhook reaches a receiver (a local HTTP server), first one job at a
// time, then for a burst of BENCH_WEBHOOKS jobs at once, on PostgreSQL and PGlite.
// BENCH_ENGINES=postgres,pglite  BENCH_WEBHOOKS=200
import type { AppRouter } from "@transmute/api";
import { startWebhookReceiver } from "@transmute/api/testing";
import type { Engine } from "@transmute/db";
import { postgresReachable } from "@transmute/db/test-database";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { createLogger, jobSettingsFrom, startServer } from "../src";
import { benchEnv } from "./env";

const engines = (process.env.BENCH_ENGINES ?? "postgres,pglite").split(",") as Engine[];
const BURST = Number(process.env.BENCH_WEBHOOKS ?? 200);
const ONE_BY_ONE = 20;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

interface Payload {
  data: { transformation: { finishedAt: string } };
}

async function bench(engine: Engine) {
  if (engine === "postgres" && !(await postgresReachable())) {
    console.log("postgres: not reachable, skipped");
    return;
  }
  // The receiver is on loopback, which production refuses unless told otherwise.
  const env = benchEnv({
    MAX_QUEUED_PER_WORKSPACE: String(BURST + 10),
    WEBHOOK_ALLOW_PRIVATE: "true",
  });
  const database = await createJobsTestDatabase(engine, jobSettingsFrom(env));
  const server = await startServer(env, createLogger(env), database);
  const receiver = await startWebhookReceiver();
  try {
    const client = (token?: string) =>
      createTRPCClient<AppRouter>({
        links: [
          httpBatchLink({
            url: `${server.url}/trpc`,
            transformer: superjson,
            maxItems: 20,
            headers: token ? { authorization: `Bearer ${token}` } : {},
          }),
        ],
      });
    const { tokens } = await client().auth.register.mutate({
      email: "webhooks@example.test",
      password: "bench password",
      name: "Bench",
    });
    const api = client(tokens.accessToken);
    await api.webhook.create.mutate({
      url: `${receiver.url}/hook`,
      events: ["transformation.succeeded"],
    });
    const document = await api.document.create.mutate({
      title: "Bench",
      format: "markdown",
      content: "# Bench\n\nA short document. It has two sentences.",
    });
    const run = () =>
      api.transformation.create.mutate({
        documentId: document.id,
        steps: [{ kind: "stats", params: {} }],
      });
    const arrived = async (count: number) => {
      const deadline = Date.now() + 120_000;
      while (receiver.received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`${receiver.received.length} of ${count} arrived`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    // finishedAt is stamped by the worker, in this process, just before its transaction commits.
    const delays = (from: number) =>
      receiver.received
        .slice(from)
        .map(
          (hook) =>
            hook.receivedAt -
            Date.parse((JSON.parse(hook.body) as Payload).data.transformation.finishedAt),
        );
    const report = (label: string, values: number[]) =>
      `${label} p50 ${percentile(values, 50).toFixed(0)} ms, p99 ${percentile(values, 99).toFixed(0)} ms`;

    for (let i = 1; i <= ONE_BY_ONE; i++) {
      await run();
      await arrived(i);
    }
    const idle = delays(0);
    await Promise.all(Array.from({ length: BURST }, run));
    await arrived(ONE_BY_ONE + BURST);
    const burst = delays(ONE_BY_ONE);
    console.log(
      `${engine.padEnd(8)} finished → webhook received: ` +
        `${report(`${ONE_BY_ONE} jobs one at a time`, idle)}; ${report(`${BURST} at once`, burst)}`,
    );
  } finally {
    await receiver.close();
    await server.close();
    await database.destroy();
  }
}

for (const engine of engines) await bench(engine);
