// `pnpm --filter @transmute/server bench:event-loop`: does transformation work stall the API?
// Loads `document.list` with BENCH_CONNECTIONS (8) connections for BENCH_SECONDS (10) from
// autocannon in its own process, first with no jobs, then with three 1 MiB `markdown-to-html`
// jobs running the whole time (each replaced as it finishes), against one server with its
// embedded worker; prints p50/p99 for both and the ratio of the p99s.
// BENCH_ENGINES=postgres,pglite
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Engine } from "@transmute/db";
import { createTestDatabase, postgresReachable } from "@transmute/db/test-database";
import superjson from "superjson";
import { createLogger, startServer } from "../src";
import { benchEnv } from "./env";
import { signUp } from "./sign-up";

const engines = (process.env.BENCH_ENGINES ?? "postgres,pglite").split(",") as Engine[];
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const HEAVY_JOBS = 3;
const autocannonBin = fileURLToPath(new URL("../node_modules/.bin/autocannon", import.meta.url));

/** Just under 1 MiB of ordinary Markdown: sections of prose with emphasis and links, lists, code, tables. */
function largeMarkdown(): string {
  const section = (i: number) =>
    [
      `## Section ${i}`,
      `Some *emphasised* and **strong** prose with a [link](https://example.com/${i}) and \`code\`. `.repeat(
        6,
      ),
      "- first item\n- second item with _emphasis_\n  - nested item\n- third item",
      "```ts\nconst answer = compute(" + i + ");\nconsole.log(answer);\n```",
      "| name | value |\n| ---- | ----- |\n| a | 1 |\n| b | 2 |",
      "> A quoted remark that goes on for a little while, as quotes do.",
    ].join("\n\n");
  const limit = 1024 * 1024; // the largest document the API takes
  let text = "# A large document";
  for (let i = 0; ; i++) {
    const next = `${text}\n\n${section(i)}`;
    if (next.length > limit) return text;
    text = next;
  }
}

/** p50 and p99 in ms of `document.list` under load, measured by autocannon in its own process. */
async function load(url: string, token: string) {
  const { stdout } = await promisify(execFile)(
    autocannonBin,
    [
      "--json",
      "-c",
      String(connections),
      "-d",
      String(duration),
      "-H",
      `authorization=Bearer ${token}`,
      url,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as {
    latency: { p50: number; p99: number };
    requests: { average: number };
    non2xx: number;
    errors: number;
  };
  return result;
}

async function bench(engine: Engine) {
  if (engine === "postgres" && !(await postgresReachable())) {
    console.log("postgres: not reachable, skipped");
    return;
  }
  const database = await createTestDatabase(engine);
  const env = benchEnv({});
  const server = await startServer(env, createLogger(env), database);
  try {
    const { tokens, workspace, api } = await signUp(env, database, server);
    for (let i = 0; i < 20; i++) {
      await api.document.create({
        title: `Document ${i}`,
        format: "markdown",
        content: `# Document ${i}\n\n${"Lorem ipsum dolor sit amet. ".repeat(40)}`,
      });
    }
    const large = await api.document.create({
      title: "Large",
      format: "markdown",
      content: largeMarkdown(),
    });
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ limit: 20 })));
    const url = `${server.url}/trpc/document.list?input=${input}`;

    const quiet = await load(url, tokens.accessToken);

    // Three heavy jobs at all times: each one that finishes is replaced until the load ends.
    let measuring = true;
    let finished = 0;
    const durations: number[] = [];
    const startedAt = new Map<string, number>();
    const start = async () => {
      const job = await api.transformation.create({
        documentId: large.id,
        steps: [{ kind: "markdown-to-html", params: {} }],
      });
      startedAt.set(job.id, Date.now());
    };
    // The furthest any heavy job got, so the figures show the work went on during the load.
    let furthest = 0;
    const unsubscribe = server.jobs.events.subscribe(workspace.id, (event) => {
      const began = startedAt.get(event.transformationId);
      if (event.status === "running") furthest = Math.max(furthest, event.progress);
      if (began === undefined || !["succeeded", "failed", "canceled"].includes(event.status))
        return;
      if (event.status !== "succeeded") console.log(`a heavy job ended ${event.status}`);
      startedAt.delete(event.transformationId);
      durations.push(Date.now() - began);
      finished++;
      if (measuring) void start();
    });
    for (let i = 0; i < HEAVY_JOBS; i++) await start();
    // Let the threads load the parser before counting.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const busy = await load(url, tokens.accessToken);
    measuring = false;
    unsubscribe();

    const line = (label: string, r: Awaited<ReturnType<typeof load>>) =>
      `${engine.padEnd(8)} ${label.padEnd(24)} ${r.requests.average.toFixed(0).padStart(5)} req/s, ` +
      `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.non2xx} non-2xx, ${r.errors} errors`;
    console.log(line("no jobs", quiet));
    console.log(line(`${HEAVY_JOBS} x 1 MiB markdown-to-html`, busy));
    const mean = durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length);
    // No answer at all (every request timed out) is no latency to divide.
    const ratio =
      busy.requests.average > 0 ? (busy.latency.p99 / quiet.latency.p99).toFixed(2) : "∞";
    console.log(
      `${engine.padEnd(8)} p99 ratio ${ratio}; ${finished} heavy jobs finished while loaded` +
        (finished > 0 ? `, ${(mean / 1000).toFixed(1)} s each from create to event` : "") +
        `; the furthest running one reported ${furthest}%`,
    );
  } finally {
    await server.close();
    await database.destroy();
  }
}

console.log(
  `document.list (page of 20), ${connections} connections, ${duration} s, autocannon in its own process`,
);
for (const engine of engines) await bench(engine);
