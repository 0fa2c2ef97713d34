// What the fault scenarios share: a server in its own process on a throwaway PostgreSQL, plain
// HTTP calls that record exactly what a client saw, writers, and a subscriber that resumes.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createTRPCClient, httpSubscriptionLink, splitLink, httpLink } from "@trpc/client";
import type { AppRouter } from "@transmute/api";
import { appRoleUrl } from "@transmute/db";
import type { TransformationEvent } from "@transmute/jobs";
import { EventSource } from "eventsource";
import postgres from "postgres";
import superjson from "superjson";

export const serverDir = fileURLToPath(new URL("..", import.meta.url));
export const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null after a signal) when the process ends. */
  exited: Promise<number | null>;
  /** Every line the server logged, for figures and post-mortems. */
  lines: string[];
  rssBytes(): number;
}

/**
 * Starts the server in its own process: `src` runs the TypeScript through tsx, `dist` the
 * production bundle (`pnpm build` first), any other value is the path of a bundle. Resolves once
 * it logs that it listens.
 */
/**
 * The scenarios name the database by its owner's URL; a server sets it up as the owner and then
 * works as the application role, as in production.
 */
function asDeployed(env: Record<string, string>): Record<string, string> {
  if (!env.DATABASE_URL) return env;
  return {
    ...env,
    DATABASE_OWNER_URL: env.DATABASE_URL,
    DATABASE_URL: appRoleUrl(env.DATABASE_URL),
  };
}

export function launchServer(
  entry: string,
  env: Record<string, string>,
  cwd: string = serverDir,
): Promise<ServerProcess> {
  const bundle = entry === "dist" ? `${serverDir}dist/main.js` : entry;
  const args = entry === "src" ? ["--import", "tsx", `${serverDir}src/main.ts`] : [bundle];
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      PORT: "0",
      // The writers are one account at a far higher rate than an integrator may call; what is
      // under test here is the database going away, not the rate limits.
      RATE_LIMIT_PER_CALLER: "1000000",
      RATE_LIMIT_PER_WORKSPACE: "1000000",
      REGISTRATIONS_PER_IP: "100000",
      ...asDeployed(env),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    void exited.then((code) =>
      reject(new Error(`server exited with ${code}:\n${lines.join("\n")}`)),
    );
    const collect = (line: string) => {
      lines.push(line);
      const match = /"url":"([^"]+)".*transmute server listening/.exec(line);
      if (match)
        resolve({
          url: match[1]!,
          child,
          exited,
          lines,
          rssBytes: () => rssOf(child.pid!),
        });
    };
    createInterface({ input: child.stdout }).on("line", collect);
    createInterface({ input: child.stderr }).on("line", collect);
  });
}

function rssOf(pid: number): number {
  try {
    // /proc/<pid>/statm: sizes in pages; the second is the resident set.
    const statm = readFileSync(`/proc/${pid}/statm`, "utf8");
    return Number(statm.split(" ")[1]) * 4096;
  } catch {
    return 0;
  }
}

/** What a client saw of one call: an answer with a status, or no answer (reset, refused…). */
export type Outcome =
  | { status: number; retryAfter: string | null; code?: string; data?: unknown }
  | { status: "network"; error: string };

/** One tRPC call over plain HTTP, the way any client in any language would make it. */
export async function call(
  url: string,
  path: string,
  input: unknown,
  token?: string,
  kind: "query" | "mutation" = "mutation",
): Promise<Outcome> {
  const body = JSON.stringify(superjson.serialize(input));
  const target =
    kind === "query"
      ? `${url}/trpc/${path}?input=${encodeURIComponent(body)}`
      : `${url}/trpc/${path}`;
  try {
    const response = await fetch(target, {
      method: kind === "query" ? "GET" : "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: kind === "query" ? undefined : body,
      signal: AbortSignal.timeout(15_000),
    });
    const json = (await response.json()) as {
      result?: { data: Parameters<typeof superjson.deserialize>[0] };
      error?: { json: { data?: { code?: string } } };
    };
    return {
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      code: json.error?.json.data?.code,
      data: json.result ? superjson.deserialize(json.result.data) : undefined,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { status: "network", error: cause?.code ?? String(error) };
  }
}

async function expectData<T>(outcome: Promise<Outcome>): Promise<T> {
  const result = await outcome;
  if (result.status !== 200) throw new Error(`call failed: ${JSON.stringify(result)}`);
  return (result as { data: T }).data;
}

export interface Account {
  email: string;
  token: string;
  workspaceId: string;
  documentId: string;
}

/** A new account with one document to run transformations on. */
export async function signUp(url: string, label: string): Promise<Account> {
  const email = `${label}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
  const { tokens, workspace } = await expectData<{
    tokens: { accessToken: string };
    workspace: { id: string };
  }>(
    call(url, "auth.register", {
      email,
      password: "fault suite password",
      name: label,
    }),
  );
  const document = await expectData<{ id: string }>(
    call(
      url,
      "document.create",
      { title: "Source", format: "text", content: "One sentence. Two sentences." },
      tokens.accessToken,
    ),
  );
  return { email, token: tokens.accessToken, workspaceId: workspace.id, documentId: document.id };
}

/** Counts of what clients saw, by kind. */
export class Tally {
  readonly counts = new Map<string, number>();
  add(outcome: Outcome): void {
    const key =
      outcome.status === "network"
        ? `network ${outcome.error}`
        : outcome.status === 503
          ? outcome.retryAfter
            ? "503 with Retry-After"
            : "503 without Retry-After"
          : String(outcome.status);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  /** Everything but 200 and clean 503s. */
  get unclean(): number {
    let n = 0;
    for (const [key, count] of this.counts)
      if (key !== "200" && key !== "503 with Retry-After") n += count;
    return n;
  }
  toJSON() {
    return Object.fromEntries(this.counts);
  }
}

export interface Writers {
  tally: Tally;
  /** Ids of the documents whose creation was acknowledged (200). */
  documents: string[];
  transformations: string[];
  /** Time of each acknowledged write, for recovery figures. */
  ackTimes: number[];
  stop(): Promise<void>;
}

/**
 * `count` loops, each creating documents back to back (and a transformation every fourth call),
 * recording every outcome; a failed call is retried after a short pause, as a client would.
 */
export function startWriters(url: string, account: Account, count: number): Writers {
  let running = true;
  const writers: Writers = {
    tally: new Tally(),
    documents: [],
    transformations: [],
    ackTimes: [],
    stop: async () => {
      running = false;
      await loops;
    },
  };
  const loop = async (n: number) => {
    for (let i = 0; running; i++) {
      const transform = i % 4 === 1;
      const outcome = transform
        ? await call(
            url,
            "transformation.create",
            { documentId: account.documentId, steps: [{ kind: "stats", params: {} }] },
            account.token,
          )
        : await call(
            url,
            "document.create",
            { title: `w${n}-${i}`, format: "text", content: `Writer ${n}, write ${i}.` },
            account.token,
          );
      writers.tally.add(outcome);
      if (outcome.status === 200) {
        const { id } = outcome.data as { id: string };
        (transform ? writers.transformations : writers.documents).push(id);
        writers.ackTimes.push(Date.now());
      } else {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const loops = Promise.all(Array.from({ length: count }, (_, n) => loop(n)));
  return writers;
}

/** Of these acknowledged ids, how many are not in the table (read as the superuser). */
export async function missing(
  databaseUrl: string,
  table: "documents" | "transformations",
  ids: string[],
): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ found: number }[]>`select count(*)::int as found
      from ${sql(table)} where id = any(${ids}::uuid[])`;
    return ids.length - row!.found;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Transformations of these ids not yet finished (succeeded or failed), read as the superuser. */
export async function unfinished(databaseUrl: string, ids: string[]): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from transformations
      where id = any(${ids}::uuid[]) and status not in ('succeeded', 'failed')`;
    return row!.n;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Waits until every one of these transformations has finished, or the deadline passes. */
export async function waitForJobs(databaseUrl: string, ids: string[], seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  let left = await unfinished(databaseUrl, ids);
  while (left > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = await unfinished(databaseUrl, ids);
  }
  return left;
}

/** The workspace's event sequence numbers after `after`, from the log (as the superuser). */
export async function loggedEvents(databaseUrl: string, workspaceId: string, after: number) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ seq: string }[]>`select seq from transformation_events
      where workspace_id = ${workspaceId} and seq > ${after} order by seq`;
    return rows.map((row) => Number(row.seq));
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export interface Subscriber {
  seen: TransformationEvent[];
  /** Errors that ended a stream (each followed by a resume, by the link or by us), by message. */
  endings: string[];
  /** Streams opened: 1 + resumes. */
  connections: number;
  stop(): void;
}

/**
 * A browser-like subscriber: follows `transformation.onChange` over SSE and, whenever the stream
 * ends with an error, opens it again with the last event id it saw, as the web app does.
 */
export function subscribe(url: string, token: string): Subscriber {
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: `${url}/trpc`,
          transformer: superjson,
          EventSource,
          connectionParams: { token },
        }),
        false: httpLink({ url: `${url}/trpc`, transformer: superjson }),
      }),
    ],
  });
  const subscriber: Subscriber = { seen: [], endings: [], connections: 0, stop: () => {} };
  let stopped = false;
  let current: { unsubscribe(): void } | undefined;
  const open = () => {
    if (stopped) return;
    subscriber.connections++;
    const last = subscriber.seen.at(-1)?.seq;
    current = client.transformation.onChange.subscribe(
      { lastEventId: last === undefined ? undefined : String(last) },
      {
        onData: ({ data }) => void subscriber.seen.push(data),
        // A retryable error (SERVICE_UNAVAILABLE: the database is away, or the server is shutting
        // down) makes the link reconnect by itself with the last event id; note why.
        onConnectionStateChange: (state) => {
          if (state.state === "connecting" && state.error)
            subscriber.endings.push(state.error.message);
        },
        onError: (error) => {
          subscriber.endings.push(error.message);
          current?.unsubscribe();
          setTimeout(open, 200);
        },
      },
    );
  };
  open();
  subscriber.stop = () => {
    stopped = true;
    current?.unsubscribe();
  };
  return subscriber;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
