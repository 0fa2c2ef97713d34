// `pnpm fault`: the full fault suite against the production build and a PostgreSQL of its own,
// printing figures. Every scenario stops by itself; the run takes about six minutes.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startThrowawayPostgres } from "@transmute/db/throwaway-postgres";
import { launchServer, signUp, sleep, type ServerProcess } from "./kit";
import {
  alive,
  appDatabase,
  readOnlyDatabase,
  restartUnderLoad,
  sigtermUnderLoad,
  startBeforeDatabase,
  startHeldLlm,
  type RestartFigures,
} from "./scenarios";

const trials = Number(process.env.FAULT_TRIALS ?? 5);
const overloadSeconds = Number(process.env.FAULT_OVERLOAD_SECONDS ?? 30);
const soakSeconds = Number(process.env.FAULT_SOAK_SECONDS ?? 120);
const autocannonBin = fileURLToPath(new URL("../node_modules/.bin/autocannon", import.meta.url));

const print = (title: string, figures: unknown) =>
  console.log(`${title}: ${JSON.stringify(figures)}`);
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ??
  null;

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}

/** autocannon in its own process, so the load generator does not share the server's CPU time. */
function autocannon(args: string[]): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(autocannonBin, ["--json", ...args], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out) as AutocannonResult)
        : reject(new Error(`autocannon ${code}`)),
    );
  });
}

/** Times /healthz and /readyz every 100 ms on fresh requests while `work` runs. */
async function probeWhile(server: ServerProcess, work: Promise<unknown>) {
  const timings = { healthz: [] as number[], readyz: [] as number[] };
  const statuses = new Map<string, number>();
  let done = false;
  void work.finally(() => (done = true));
  while (!done) {
    for (const path of ["healthz", "readyz"] as const) {
      const started = performance.now();
      const status = await fetch(`${server.url}/${path}`).then(
        (response) => response.status,
        () => 0,
      );
      timings[path].push(performance.now() - started);
      statuses.set(`${path} ${status}`, (statuses.get(`${path} ${status}`) ?? 0) + 1);
    }
    await sleep(100);
  }
  const summary = (values: number[]) => ({
    p50Ms: Math.round(percentile(values, 0.5) ?? 0),
    p99Ms: Math.round(percentile(values, 0.99) ?? 0),
    maxMs: Math.round(Math.max(...values)),
  });
  return {
    healthz: summary(timings.healthz),
    readyz: summary(timings.readyz),
    statuses: Object.fromEntries(statuses),
  };
}

function loadFigures(result: AutocannonResult) {
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
  );
  const failed = result.errors + result.timeouts + (result.non2xx - (statuses["503"] ?? 0));
  return {
    requests: result.requests.total,
    reqPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statuses,
    errorsBeyondClean503: failed,
    errorRate: result.requests.total ? failed / result.requests.total : 0,
  };
}

async function main() {
  const pg = await startThrowawayPostgres();
  const llm = await startHeldLlm();
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
  };
  try {
    const databaseUrl = await appDatabase(pg);
    // Tokens outlast the run.
    const env = { DATABASE_URL: databaseUrl, ACCESS_TOKEN_TTL: "3600", ...llm.env };
    llm.release();

    // Start-up: a database still starting is waited for.
    const late = await startBeforeDatabase(pg, databaseUrl, "dist", env);
    print("started before the database", { served: late.served });
    check(late.served, "start before the database");
    let server = late.server;
    const account = await signUp(server.url, "fault");

    // PostgreSQL restarted under 20 writers.
    const results: RestartFigures[] = [];
    for (const mode of ["clean", "kill"] as const) {
      for (let trial = 1; trial <= trials; trial++) {
        if (!alive(server)) server = await launchServer("dist", env);
        const figures = await restartUnderLoad(pg, databaseUrl, server, account, mode);
        print(`restart ${mode} #${trial}`, figures);
        results.push(figures);
        check(figures.serverAlive, `server survives ${mode} #${trial}`);
        check(figures.unclean === 0, `only clean 503s in ${mode} #${trial}`);
        check(
          figures.recoveryMs !== null && figures.recoveryMs <= 2_000,
          `recovery ≤ 2 s in ${mode} #${trial}`,
        );
        check(figures.lost === 0, `nothing lost in ${mode} #${trial}`);
        check(figures.jobsUnfinished === 0, `jobs finish in ${mode} #${trial}`);
        check(figures.eventsMissed === 0, `no event missed in ${mode} #${trial}`);
      }
    }
    for (const mode of ["clean", "kill"] as const) {
      const of = results.filter((figures) => figures.mode === mode);
      const recoveries = of.map((figures) => figures.recoveryMs ?? Infinity);
      print(`restart ${mode}, ${of.length} trials`, {
        serverSurvived: of.filter((figures) => figures.serverAlive).length,
        clean503s: of.reduce(
          (sum, f) => sum + ((f.outcomes["503 with Retry-After"] as number) ?? 0),
          0,
        ),
        otherErrors: of.reduce((sum, figures) => sum + figures.unclean, 0),
        recoveryMs: { min: Math.min(...recoveries), max: Math.max(...recoveries) },
        acknowledged: of.reduce((sum, figures) => sum + figures.acknowledged, 0),
        lost: of.reduce((sum, figures) => sum + figures.lost, 0),
        jobs: of.reduce((sum, figures) => sum + figures.jobs, 0),
        jobsUnfinished: of.reduce((sum, figures) => sum + figures.jobsUnfinished, 0),
        eventsMissed: of.reduce((sum, figures) => sum + figures.eventsMissed, 0),
      });
    }

    // Read-only database.
    const readOnly = await readOnlyDatabase(pg, server, account, { writers: 20 });
    print("read-only database", readOnly);
    check(readOnly.unclean === 0, "read-only: only clean 503s");
    check(readOnly.readyzWhileReadOnly.status === 503, "read-only: /readyz 503");

    // Overload, then a soak, against document.list with autocannon in its own process.
    const list = `${server.url}/trpc/document.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`;
    const auth = ["-H", `authorization=Bearer ${account.token}`];
    const rssBefore = server.rssBytes();
    const overloadRun = autocannon(["-c", "256", "-d", String(overloadSeconds), ...auth, list]);
    const overloadProbes = await probeWhile(server, overloadRun);
    const overload = {
      ...loadFigures(await overloadRun),
      rssMiB: { start: mib(rssBefore), end: mib(server.rssBytes()) },
      probes: overloadProbes,
    };
    print(`overload, 256 connections for ${overloadSeconds} s`, overload);
    check(overload.errorsBeyondClean503 === 0, "overload: no errors beyond clean 503s");
    check(
      overloadProbes.healthz.p99Ms < 50 && overloadProbes.readyz.p99Ms < 50,
      "overload: probes < 50 ms",
    );

    const rss: number[] = [server.rssBytes()];
    const soakRun = autocannon(["-c", "32", "-d", String(soakSeconds), ...auth, list]);
    const sampling = (async () => {
      let finished = false;
      void soakRun.finally(() => (finished = true));
      while (!finished) {
        await sleep(10_000);
        rss.push(server.rssBytes());
      }
    })();
    const soakProbes = await probeWhile(server, soakRun);
    await sampling;
    const soak = {
      ...loadFigures(await soakRun),
      rssMiBEvery10s: rss.map(mib),
      probes: soakProbes,
    };
    print(`soak, 32 connections for ${soakSeconds} s`, soak);
    check(soak.errorsBeyondClean503 === 0, "soak: no errors");

    // SIGTERM under load, then a second server finishes what was handed back.
    if (alive(server)) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
    const held = await startHeldLlm();
    const heldEnv = { ...env, ...held.env };
    const victim = await launchServer("dist", { ...heldEnv, WORKER_CONCURRENCY: "4" });
    const sigterm = await sigtermUnderLoad(
      victim,
      () => launchServer("dist", heldEnv),
      held,
      databaseUrl,
      account,
    );
    const { other, ...sigtermFigures } = sigterm;
    print("SIGTERM under 20 writers", sigtermFigures);
    check(sigterm.resets === 0, "SIGTERM: no resets");
    check(sigterm.readyz503AfterMs !== null, "SIGTERM: /readyz 503 first");
    check(sigterm.notExactlyOnce === 0 && sigterm.jobsUnfinished === 0, "SIGTERM: jobs once");
    other.child.kill("SIGTERM");
    await other.exited;
    await held.close();
  } finally {
    await llm.close();
    await pg.destroy();
  }
  if (failures.length) {
    console.log(`FAILED: ${failures.join("; ")}`);
    process.exitCode = 1;
  } else console.log("every fault scenario held");
}

await main();
