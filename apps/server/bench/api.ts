// `pnpm bench:api`: the production build against a framework-free ceiling, in one run, on
// PostgreSQL as the runtime role. Seeds 50 workspaces x 200 documents x 3 transformations through
// the app's own code, builds apps/server/dist, starts it (NODE_ENV=production, its default log
// level) and the ceiling (bench/ceiling/server.ts) as child processes, and loads each with the
// autocannon CLI in a process of its own. Prints req/s, p50, p99, the ratio to the ceiling and the
// round trips to PostgreSQL per request, for each call with an access token and with an API key.
// BENCH_CONNECTIONS=64  BENCH_SECONDS=5  BENCH_SKIP_BUILD=1 (reuse dist)  BENCH_CPU_PROF=<dir>
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import {
  createCaller,
  createContextInner,
  createDocument,
  defaultAuthSettings,
  type ApiDeps,
} from "@transmute/api";
import { sql, transformations, withTenant } from "@transmute/db";
import { postgresReachable } from "@transmute/db/test-database";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import { createLogger, jobSettingsFrom, startJobs } from "../src";
import { benchEnv } from "./env";

const WORKSPACES = 50;
const DOCUMENTS = 200;
const TRANSFORMATIONS = 3;
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const cpuProfileDir = process.env.BENCH_CPU_PROF;
const serverDir = fileURLToPath(new URL("..", import.meta.url));
const autocannonBin = fileURLToPath(new URL("../node_modules/.bin/autocannon", import.meta.url));
const JWT_SECRET = "bench-secret-bench-secret-bench-secret";

const lorem = (n: number) => "Lorem ipsum dolor sit amet. ".repeat(n);

if (!(await postgresReachable())) {
  console.log("PostgreSQL not reachable (TEST_DATABASE_URL); nothing to measure");
  process.exit(0);
}

const env = benchEnv({});
const database = await createJobsTestDatabase("postgres", jobSettingsFrom(env));
const jobs = await startJobs(database, jobSettingsFrom(env), createLogger(env), false);
const children: ChildProcess[] = [];
try {
  const deps: ApiDeps = {
    db: database.db,
    auth: { ...defaultAuthSettings, jwtSecret: JWT_SECRET },
    exposeInternalErrors: false,
    jobs,
  };

  // Seeding: people register, then create their documents through the API, several at once.
  const started = Date.now();
  const tenants = await Promise.all(
    Array.from({ length: WORKSPACES }, (_, w) =>
      createCaller(createContextInner(deps)).auth.register({
        email: `bench-${w}@example.test`,
        password: "bench password",
        name: `Bench ${w}`,
      }),
    ),
  );
  // Each workspace's documents through the app's createDocument (what document.create runs), in
  // one tenant transaction per workspace, and their finished transformations in one insert
  // (running them would time the worker, not the API).
  await Promise.all(
    tenants.map(({ workspace }, w) =>
      withTenant(database.db, workspace.id, async (tx) => {
        const ids: string[] = [];
        for (let i = 0; i < DOCUMENTS; i++) {
          const doc = await createDocument(tx, jobs.queue, {
            workspaceId: workspace.id,
            userId: tenants[w]!.user.id,
            title: `Document ${w}.${i}`,
            format: "markdown",
            content: `# Document ${i}\n\n${lorem(40)}`,
            tags: ["bench"],
          });
          ids.push(doc.id);
        }
        await tx.insert(transformations).values(
          ids.flatMap((documentId) =>
            ["stats", "summarize", "keywords"].slice(0, TRANSFORMATIONS).map((kind) => ({
              workspaceId: workspace.id,
              documentId,
              kind,
              status: "succeeded" as const,
              progress: 100,
              finishedAt: new Date(),
            })),
          ),
        );
      }),
    ),
  );
  await database.owner.execute(sql`analyze`);
  const { tokens } = tenants[0]!;
  const api = createCaller(createContextInner(deps, tokens.accessToken));
  const { secret } = await api.apiKey.create({
    name: "bench",
    scopes: ["documents:read", "documents:write", "transformations:read"],
  });
  const [someDocument] = (await api.document.list({ limit: 100 })).items.slice(50);
  console.log(
    `seeded ${WORKSPACES} workspaces x ${DOCUMENTS} documents x ${TRANSFORMATIONS} transformations in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  if (!process.env.BENCH_SKIP_BUILD) {
    execFileSync("pnpm", ["exec", "tsup", "--silent"], { cwd: serverDir, stdio: "inherit" });
  }

  const pgPort = new URL(database.url!).port || "5432";
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url!,
    JWT_SECRET,
    HOST: "127.0.0.1",
    WORKER_ENABLED: "false",
    BENCH_PG_PORT: pgPort,
  };
  delete childEnv.LOG_LEVEL;

  async function start(name: string, args: string[]) {
    const port = await freePort();
    const profile = cpuProfileDir ? [`--cpu-prof`, `--cpu-prof-dir=${cpuProfileDir}`] : [];
    const child = spawn(
      process.execPath,
      ["--import", "./bench/round-trips.ts", ...profile, ...args],
      {
        cwd: serverDir,
        env: { ...childEnv, PORT: String(port) },
        stdio: ["ignore", "ignore", "inherit", "ipc"],
      },
    );
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (
        await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 200 || child.exitCode !== null) throw new Error(`${name} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const writes = async () => {
      child.send("count");
      const [count] = (await once(child, "message")) as [number];
      return count;
    };
    return { name, url, child, writes };
  }
  type Server = Awaited<ReturnType<typeof start>>;

  const app = await start("app", ["dist/main.js"]);
  const ceiling = await start("ceiling", ["bench/ceiling/server.ts"]);

  const query = (path: string, input: unknown) =>
    ({
      path: `/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
    }) as const;
  const workloads: { name: string; path: string; body?: string }[] = [
    { name: "document.list", ...query("document.list", { limit: 20 }) },
    { name: "document.get", ...query("document.get", { id: someDocument!.id }) },
    { name: "transformation.list", ...query("transformation.list", { limit: 20 }) },
    {
      name: "document.create",
      path: "/trpc/document.create",
      body: JSON.stringify({
        json: { title: "Bench", format: "markdown", content: lorem(15), tags: ["bench"] },
      }),
    },
  ];
  const credentials = [
    ["JWT", tokens.accessToken],
    ["API key", secret],
  ] as const;

  type Workload = (typeof workloads)[number];
  /** One call on a connection of its own (a kept-alive one may be closing as it is reused). */
  async function request(server: Server, workload: Workload, bearer: string) {
    const req = httpRequest(server.url + workload.path, {
      method: workload.body ? "POST" : "GET",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      agent: false,
    });
    req.end(workload.body);
    const [res] = (await once(req, "response")) as [IncomingMessage];
    let text = "";
    for await (const chunk of res) text += chunk;
    return { ok: res.statusCode === 200, text };
  }

  /** Round trips per call, from a few calls one at a time (under load, pipelining blurs them). */
  async function roundTrips(server: Server, workload: Workload, bearer: string) {
    const response = await request(server, workload, bearer);
    if (!response.ok) throw new Error(`${server.name} ${workload.name}: ${response.text}`);
    const before = await server.writes();
    const calls = 20;
    for (let i = 0; i < calls; i++) await request(server, workload, bearer);
    return ((await server.writes()) - before) / calls;
  }

  function load(server: Server, workload: Workload, bearer: string, duration = seconds) {
    const args = ["-c", String(connections), "-d", String(duration), "-j"];
    args.push("-H", `authorization=Bearer ${bearer}`);
    if (workload.body) {
      args.push("-m", "POST", "-H", "content-type=application/json", "-b", workload.body);
    }
    const output = execFileSync(autocannonBin, [...args, server.url + workload.path], {
      maxBuffer: 1 << 24,
      stdio: ["ignore", "pipe", "ignore"],
    });
    const result = JSON.parse(output.toString()) as {
      requests: { average: number };
      latency: { p50: number; p99: number };
      non2xx: number;
      errors: number;
    };
    return result;
  }

  // Warm both up (JIT, prepared statements, pools) before anything is counted.
  for (const server of [ceiling, app]) {
    for (const workload of workloads.slice(0, 3)) {
      load(server, workload, tokens.accessToken, 1);
    }
  }

  const rows: string[][] = [];
  for (const workload of workloads) {
    const runs: [Server, string, string][] = [
      [ceiling, "JWT", tokens.accessToken],
      ...credentials.map(([label, bearer]) => [app, label, bearer] as [Server, string, string]),
    ];
    let ceilingRate = 0;
    for (const [server, label, bearer] of runs) {
      const trips = await roundTrips(server, workload, bearer);
      const result = load(server, workload, bearer);
      if (server === ceiling) ceilingRate = result.requests.average;
      rows.push([
        workload.name,
        `${server.name} (${label})`,
        result.requests.average.toFixed(0),
        String(result.latency.p50),
        String(result.latency.p99),
        `${((100 * result.requests.average) / ceilingRate).toFixed(0)} %`,
        trips.toFixed(1),
        String(result.non2xx + result.errors),
      ]);
    }
  }
  printTable(
    ["call", "server", "req/s", "p50 ms", "p99 ms", "of ceiling", "round trips", "failed"],
    rows,
  );
  console.log(
    `${connections} connections, ${seconds} s each; round trips to PostgreSQL per call, counted one call at a time`,
  );
} finally {
  for (const child of children) {
    child.kill("SIGINT");
    if (child.exitCode === null) await once(child, "exit");
  }
  await jobs.stop(0);
  await database.destroy();
}

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}
