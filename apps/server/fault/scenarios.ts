// The fault scenarios, each returning figures: the quick test suite runs them small and asserts
// on the figures; `pnpm fault` runs them full size and prints them.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { ThrowawayPostgres } from "@transmute/db/throwaway-postgres";
import postgres from "postgres";
import {
  call,
  launchServer,
  loggedEvents,
  missing,
  sleep,
  startWriters,
  subscribe,
  waitForJobs,
  type Account,
  type ServerProcess,
  type Tally,
} from "./kit";

/** A database for the app on the throwaway server; returns its URL. */
export async function appDatabase(pg: ThrowawayPostgres, name = "transmute"): Promise<string> {
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 1 });
  }
  const url = new URL(pg.url);
  url.pathname = `/${name}`;
  return url.toString();
}

export const alive = (server: ServerProcess) =>
  server.child.exitCode === null && server.child.signalCode === null;

export interface RestartFigures {
  mode: "clean" | "kill";
  serverAlive: boolean;
  outcomes: ReturnType<Tally["toJSON"]>;
  /** Calls answered with anything but success or a 503 with Retry-After (500s, resets…). */
  unclean: number;
  /** From the database accepting connections again to the first acknowledged write. */
  recoveryMs: number | null;
  acknowledged: number;
  lost: number;
  jobs: number;
  jobsUnfinished: number;
  /** Events in the log the subscriber never got (it stays connected or resumes). */
  eventsMissed: number;
  resumes: number;
}

/**
 * PostgreSQL restarted (`clean`: its fast shutdown; `kill`: SIGKILL to the postmaster) while
 * `writers` clients write as fast as they are answered and one subscriber follows the events.
 */
export async function restartUnderLoad(
  pg: ThrowawayPostgres,
  databaseUrl: string,
  server: ServerProcess,
  account: Account,
  mode: "clean" | "kill",
  { writers = 20, beforeMs = 1_000, downMs = 1_000, afterMs = 3_000 } = {},
): Promise<RestartFigures> {
  const from = (await loggedEvents(databaseUrl, account.workspaceId, 0)).at(-1) ?? 0;
  const subscriber = subscribe(server.url, account.token);
  await sleep(300);
  const load = startWriters(server.url, account, writers);
  await sleep(beforeMs);
  if (mode === "clean") await pg.stop("fast");
  else await pg.kill();
  await sleep(downMs);
  await pg.start();
  const upAt = Date.now();
  await sleep(afterMs);
  await load.stop();
  const firstAck = load.ackTimes.filter((time) => time >= upAt).sort((a, b) => a - b)[0];
  const jobsUnfinished = await waitForJobs(databaseUrl, load.transformations, 60);
  // The subscriber may still be reconnecting (its link backs off while the database is away):
  // give it up to ten seconds to hear everything the log has.
  const logged = await loggedEvents(databaseUrl, account.workspaceId, from);
  const unheard = () => {
    const seen = new Set(subscriber.seen.map((event) => event.seq));
    return logged.filter((seq) => !seen.has(seq)).length;
  };
  for (const deadline = Date.now() + 10_000; unheard() > 0 && Date.now() < deadline;)
    await sleep(250);
  subscriber.stop();
  return {
    mode,
    serverAlive: alive(server),
    outcomes: load.tally.toJSON(),
    unclean: load.tally.unclean,
    recoveryMs: firstAck === undefined ? null : firstAck - upAt,
    acknowledged: load.documents.length + load.transformations.length,
    lost:
      (await missing(databaseUrl, "documents", load.documents)) +
      (await missing(databaseUrl, "transformations", load.transformations)),
    jobs: load.transformations.length,
    jobsUnfinished,
    eventsMissed: unheard(),
    resumes: subscriber.connections - 1,
  };
}

/** A server started while PostgreSQL is down waits for it, then serves. */
export async function startBeforeDatabase(
  pg: ThrowawayPostgres,
  databaseUrl: string,
  entry: "src" | "dist",
  env: Record<string, string> = {},
): Promise<{ served: boolean; server: ServerProcess }> {
  await pg.stop("fast");
  const starting = launchServer(entry, { DATABASE_URL: databaseUrl, ...env });
  await sleep(1_500);
  await pg.start();
  const server = await starting;
  const health = await call(server.url, "auth.register", {
    email: `late-${Date.now()}@example.test`,
    password: "fault suite password",
    name: "Late",
  });
  return { served: health.status === 200, server };
}

/**
 * An OpenAI-compatible endpoint that holds every answer until `release()`: jobs that stay running
 * for as long as a scenario needs, then finish at once.
 */
export async function startHeldLlm() {
  let held = true;
  const waiting: (() => void)[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const { model, stream } = JSON.parse(body) as { model: string; stream?: boolean };
      const message = { role: "assistant", content: "Rewritten, eventually." };
      const answer = () => {
        if (stream) {
          response.writeHead(200, { "content-type": "text/event-stream" });
          const chunk = { id: "x", object: "chat.completion.chunk", created: 1, model };
          const choice = { index: 0, delta: message, finish_reason: null };
          response.write(`data: ${JSON.stringify({ ...chunk, choices: [choice] })}\n\n`);
          response.end("data: [DONE]\n\n");
          return;
        }
        response.writeHead(200, { "content-type": "application/json" });
        const choice = { index: 0, message, finish_reason: "stop" };
        response.end(
          JSON.stringify({
            id: "x",
            object: "chat.completion",
            created: 1,
            model,
            choices: [choice],
          }),
        );
      };
      if (held) waiting.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: { LLM_BASE_URL: `http://127.0.0.1:${port}/v1`, LLM_MODEL: "held-model" },
    /** Answers every held request, and every later one at once. */
    release() {
      held = false;
      for (const answer of waiting.splice(0)) answer();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SigtermFigures {
  /** ms from SIGTERM to /readyz answering 503 (polled on a kept-alive connection). */
  readyz503AfterMs: number | null;
  /** ms from SIGTERM to the process's exit. */
  exitAfterMs: number;
  exitCode: number | null;
  outcomes: ReturnType<Tally["toJSON"]>;
  /** Calls that met a reset or a dropped connection mid-answer (refused new connections aside). */
  resets: number;
  /** Answers to kept-alive connections after SIGTERM that said `Connection: close`. */
  streamEndings: string[];
  jobs: number;
  jobsUnfinished: number;
  /** Transformations whose log shows other than exactly one `succeeded`. */
  notExactlyOnce: number;
  handedBack: number;
}

/**
 * SIGTERM to `victim` while `writers` clients write to it, a subscriber follows it and its worker
 * runs jobs held by `llm`; another server on the same database, started once they run, finishes
 * the jobs handed back.
 */
export async function sigtermUnderLoad(
  victim: ServerProcess,
  startOther: () => Promise<ServerProcess>,
  llm: { release(): void },
  databaseUrl: string,
  account: Account,
  { writers = 20, slowJobs = 4, settleMs = 1_000 } = {},
): Promise<SigtermFigures & { other: ServerProcess }> {
  const subscriber = subscribe(victim.url, account.token);
  const jobs: string[] = [];
  for (let i = 0; i < slowJobs; i++) {
    const created = await call(
      victim.url,
      "transformation.create",
      { documentId: account.documentId, steps: [{ kind: "llm-rewrite", params: {} }] },
      account.token,
    );
    if (created.status === 200) jobs.push((created.data as { id: string }).id);
  }
  const load = startWriters(victim.url, account, writers);
  await sleep(settleMs);
  await runningAll(databaseUrl, jobs, 30);
  // Started once the victim's worker holds the slow jobs: it takes them over when handed back.
  const other = await startOther();
  let readyz503At: number | null = null;
  const polling = (async () => {
    while (alive(victim) && readyz503At === null) {
      const outcome = await fetch(`${victim.url}/readyz`).then(
        (response) => response.status,
        () => 0,
      );
      if (outcome === 503) readyz503At = Date.now();
      await sleep(5);
    }
  })();
  const termAt = Date.now();
  victim.child.kill("SIGTERM");
  const exitCode = await victim.exited;
  const exitAt = Date.now();
  // The jobs the victim handed back may finish now, on the other server.
  llm.release();
  await load.stop();
  await polling;
  subscriber.stop();
  const jobsUnfinished = await waitForJobs(databaseUrl, jobs, 60);
  const { notExactlyOnce, handedBack } = await howJobsFinished(databaseUrl, jobs);
  const outcomes = load.tally.toJSON();
  const resets = Object.entries(outcomes)
    .filter(([key]) => key.startsWith("network") && !key.includes("ECONNREFUSED"))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    readyz503AfterMs: readyz503At === null ? null : readyz503At - termAt,
    exitAfterMs: exitAt - termAt,
    exitCode,
    outcomes,
    resets,
    streamEndings: subscriber.endings,
    jobs: jobs.length,
    jobsUnfinished,
    notExactlyOnce,
    handedBack,
    other,
  };
}

/**
 * Of these transformations: how many do not have exactly one `succeeded` in the event log, and
 * how many took more than one attempt.
 */
async function howJobsFinished(databaseUrl: string, ids: string[]) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ succeeded: number; attempts: number }[]>`
      select t.attempts, (select count(*)::int from transformation_events e
        where e.workspace_id = t.workspace_id and e.transformation_id = t.id
          and e.status = 'succeeded') as succeeded
      from transformations t where t.id = any(${ids}::uuid[])`;
    return {
      notExactlyOnce: rows.filter((row) => row.succeeded !== 1).length,
      handedBack: rows.filter((row) => row.attempts > 1).length,
    };
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Waits until every one of these transformations is running. */
async function runningAll(databaseUrl: string, ids: string[], seconds: number) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from transformations
        where id = any(${ids}::uuid[]) and status = 'running'`;
      if (row!.n === ids.length) return;
      await sleep(100);
    }
    throw new Error("the slow jobs did not start");
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export interface ReadOnlyFigures {
  outcomes: ReturnType<Tally["toJSON"]>;
  unclean: number;
  signIn: number | string;
  readyzWhileReadOnly: { status: number; reason?: string };
  readyzAfter: number;
  writesAfter: number;
}

/** The database turns read-only under writers; then writable again. */
export async function readOnlyDatabase(
  pg: ThrowawayPostgres,
  server: ServerProcess,
  account: Account,
  { writers = 5, readOnlyMs = 2_000 } = {},
): Promise<ReadOnlyFigures> {
  await pg.setReadOnly(true);
  await sleep(1_200); // the readiness probe's interval, and the pool's sessions picking it up
  const load = startWriters(server.url, account, writers);
  await sleep(readOnlyMs);
  const signIn = await call(server.url, "auth.login", {
    email: account.email,
    password: "fault suite password",
  });
  const readyz = await fetch(`${server.url}/readyz`);
  const readyzWhileReadOnly = {
    status: readyz.status,
    reason: ((await readyz.json()) as { reason?: string }).reason,
  };
  await load.stop();
  await pg.setReadOnly(false);
  await sleep(1_200);
  const after = startWriters(server.url, account, 1);
  await sleep(500);
  await after.stop();
  return {
    outcomes: load.tally.toJSON(),
    unclean: load.tally.unclean,
    signIn: signIn.status === 503 && signIn.retryAfter ? "503 with Retry-After" : signIn.status,
    readyzWhileReadOnly,
    readyzAfter: (await fetch(`${server.url}/readyz`)).status,
    writesAfter: after.tally.get("200"),
  };
}
