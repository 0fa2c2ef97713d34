// `pnpm --filter @transmute/server bench:jobs`: end-to-end job throughput (create → succeeded)
// for a cheap transform with the worker at its default concurrency, and the delay from a job's
// completion being committed to its SSE event reaching a subscriber on another connection.
// BENCH_ENGINES=postgres,pglite  BENCH_JOBS=200
import type { AppRouter } from "@transmute/api";
import { queryRows, sql, type Engine } from "@transmute/db";
import { postgresReachable } from "@transmute/db/test-database";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { createLogger, jobSettingsFrom, startServer } from "../src";
import { benchEnv } from "./env";

const engines = (process.env.BENCH_ENGINES ?? "postgres,pglite").split(",") as Engine[];
const JOBS = Number(process.env.BENCH_JOBS ?? 200);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function bench(engine: Engine) {
  if (engine === "postgres" && !(await postgresReachable())) {
    console.log("postgres: not reachable, skipped");
    return;
  }
  const env = benchEnv({ MAX_QUEUED_PER_WORKSPACE: String(JOBS + 10) });
  const database = await createJobsTestDatabase(engine, jobSettingsFrom(env));
  const server = await startServer(env, createLogger(env), database);
  try {
    const anonymous = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc`, transformer: superjson })],
    });
    const { tokens } = await anonymous.auth.register.mutate({
      email: "jobs@example.test",
      password: "bench password",
      name: "Bench",
    });
    const api = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${server.url}/trpc`,
          transformer: superjson,
          maxItems: 20,
          headers: { authorization: `Bearer ${tokens.accessToken}` },
        }),
      ],
    });
    const live = createTRPCClient<AppRouter>({
      links: [
        httpSubscriptionLink({
          url: `${server.url}/trpc`,
          transformer: superjson,
          EventSource,
          connectionParams: { token: tokens.accessToken },
        }),
      ],
    });
    const document = await api.document.create.mutate({
      title: "Bench",
      format: "markdown",
      content: "# Bench\n\nA short document. It has two sentences.",
    });

    const received = new Map<string, number>();
    let finished = 0;
    let allDone: () => void = () => {};
    const done = new Promise<void>((resolve) => (allDone = resolve));
    const subscription = live.transformation.onChange.subscribe(
      {},
      {
        onData: ({ data }) => {
          if (data.status !== "succeeded") return;
          received.set(data.transformationId, Date.now());
          if (++finished === JOBS) allDone();
        },
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    const started = Date.now();
    await Promise.all(
      Array.from({ length: JOBS }, () =>
        api.transformation.create.mutate({
          documentId: document.id,
          steps: [{ kind: "stats", params: {} }],
        }),
      ),
    );
    await done;
    const seconds = (Date.now() - started) / 1000;
    subscription.unsubscribe();

    // finished_at is stamped in the transaction whose commit sends the event.
    const rows = await queryRows<{ id: string; finished: string }>(
      database.owner,
      sql`select id, extract(epoch from finished_at) * 1000 as finished from transformations`,
    );
    const delays = rows.map((row) => received.get(row.id)! - Number(row.finished));
    console.log(
      `${engine.padEnd(8)} ${JOBS} stats jobs, concurrency ${env.WORKER_CONCURRENCY}: ${(JOBS / seconds).toFixed(1)} jobs/s end to end; ` +
        `finish → SSE event p50 ${percentile(delays, 50).toFixed(1)} ms, p99 ${percentile(delays, 99).toFixed(1)} ms`,
    );
  } finally {
    await server.close();
    await database.destroy();
  }
}

for (const engine of engines) await bench(engine);
