// `pnpm --filter @transmute/server bench:jobs`: end-to-end job throughput (create → succeeded) for
// a cheap transform, BENCH_JOBS jobs spread over BENCH_WORKSPACES workspaces, against a server in
// its own process at its default settings: first with its embedded worker, then with the worker
// off and `apps/worker` in a third process. Also prints the delay from a job's completion being
// committed to its SSE event reaching a subscriber. The benchmark is only the client.
// BENCH_MODES=embedded,standalone  BENCH_JOBS=1000  BENCH_WORKSPACES=50
// BENCH_CPU_PROF=<dir>: the server and worker processes write CPU profiles there (node --cpu-prof).
import type { ChildProcess } from "node:child_process";
import type { AppRouter } from "@transmute/api";
import { queryRows, sql } from "@transmute/db";
import { postgresReachable } from "@transmute/db/test-database";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { launch, serverDir, stop, workerDir } from "../test/processes";

const modes = (process.env.BENCH_MODES ?? "embedded,standalone").split(",");
const JOBS = Number(process.env.BENCH_JOBS ?? 1000);
const WORKSPACES = Number(process.env.BENCH_WORKSPACES ?? 50);
const profileDir = process.env.BENCH_CPU_PROF;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** One workspace: its own account, a client with its token, and a document to transform. */
async function workspace(url: string, index: number) {
  const anonymous = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson })],
  });
  const { tokens } = await anonymous.auth.register.mutate({
    email: `jobs${index}@example.test`,
    password: "bench password",
    name: `Bench ${index}`,
  });
  const api = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: { authorization: `Bearer ${tokens.accessToken}` },
      }),
    ],
  });
  const live = createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${url}/trpc`,
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
  return { api, live, documentId: document.id };
}

async function bench(mode: string) {
  // Set up as the owner; the processes work as the application role (database.url).
  const database = await createJobsTestDatabase("postgres");
  const children: ChildProcess[] = [];
  const prof: Record<string, string> = profileDir
    ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` }
    : {};
  const env = {
    ...prof,
    NODE_ENV: "production",
    JWT_SECRET: "bench-secret-bench-secret-bench-secret",
    DATABASE_URL: database.url!,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "info",
  };
  try {
    const server = launch(
      serverDir,
      { ...env, WORKER_ENABLED: String(mode !== "standalone") },
      /"url":"([^"]+)".*listening/,
    );
    children.push(server.child);
    if (mode === "standalone") {
      const worker = launch(workerDir, env, /worker started/);
      children.push(worker.child);
      await worker.started;
    }
    const url = await server.started;
    const spaces = await Promise.all(
      Array.from({ length: WORKSPACES }, (_, index) => workspace(url, index)),
    );

    const received = new Map<string, number>();
    let allDone: () => void = () => {};
    const done = new Promise<void>((resolve) => (allDone = resolve));
    const subscriptions = spaces.map(({ live }) =>
      live.transformation.onChange.subscribe(
        {},
        {
          onData: ({ data }) => {
            if (data.status !== "succeeded") return;
            received.set(data.transformationId, Date.now());
            if (received.size === JOBS) allDone();
          },
        },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const started = Date.now();
    await Promise.all(
      Array.from({ length: JOBS }, (_, index) => {
        const { api, documentId } = spaces[index % WORKSPACES]!;
        return api.transformation.create.mutate({
          documentId,
          steps: [{ kind: "stats", params: {} }],
        });
      }),
    );
    const created = (Date.now() - started) / 1000;
    await done;
    const seconds = (Date.now() - started) / 1000;
    for (const subscription of subscriptions) subscription.unsubscribe();

    // finished_at is stamped in the transaction whose commit sends the event.
    const rows = await queryRows<{ id: string; finished: string }>(
      database.owner,
      sql`select id, extract(epoch from finished_at) * 1000 as finished from transformations`,
    );
    const delays = rows.map((row) => received.get(row.id)! - Number(row.finished));
    console.log(
      `${mode.padEnd(10)} ${JOBS} stats jobs over ${WORKSPACES} workspaces: ` +
        `${(JOBS / seconds).toFixed(1)} jobs/s end to end (all created after ${created.toFixed(2)} s, ` +
        `all succeeded after ${seconds.toFixed(2)} s); finish → SSE event p50 ${percentile(delays, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(delays, 99).toFixed(1)} ms`,
    );
  } finally {
    await Promise.all(children.map(stop));
    await database.destroy();
  }
}

if (!(await postgresReachable())) {
  console.log("postgres: not reachable, skipped");
} else {
  for (const mode of modes) await bench(mode);
}
