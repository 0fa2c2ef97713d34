import { createTestDatabase, type TestDatabase } from "@transmute/db/testing";
import { asTestCode, recordStatement } from "./support/query-log";
import { memberships, type Engine, type Role } from "@transmute/db";
import {
  createQueue,
  defaultJobSettings,
  prepareQueue,
  EventHub,
  startWorker,
  type JobSettings,
  type StopWorker,
  type Queue,
} from "@transmute/jobs";
import { afterAll, beforeAll } from "vitest";
import {
  createCaller,
  createContextInner,
  defaultAuthSettings,
  type ApiDeps,
  type AuthSettings,
} from "../src";
import type { Client } from "../src/context";

export const testAuth = {
  ...defaultAuthSettings,
  jwtSecret: "test-secret-test-secret-test-secret-1234",
};

let counter = 0;
/** Every signed-up test user's password. */
export const testPassword = "correct horse battery";

/** A unique email per call, so tests in one database never collide. */
export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${++counter}@example.test`;

export interface ApiOptions {
  /** Run a worker in the test process (off: jobs stay queued, for queue-level tests). */
  worker?: boolean;
  jobs?: Partial<JobSettings>;
  /** In place of `testAuth`'s, e.g. sign-in limits small enough to reach in a test. */
  auth?: Partial<AuthSettings>;
}

/**
 * One migrated database per test file and engine, with the job queue and event listener, plus
 * helpers to act as users. `statements` counts every SQL statement the API sends (N+1 checks).
 */
export function useApi(engine: Engine, options: ApiOptions = {}) {
  let database: TestDatabase;
  let deps: ApiDeps;
  let queue: Queue;
  let events: EventHub;
  const statements = { count: 0 };
  let closing = false;
  let stopWorker: StopWorker | undefined;

  beforeAll(async () => {
    const settings = { ...defaultJobSettings, retryDelaySeconds: 1, ...options.jobs };
    database = await createTestDatabase(engine, {
      logger: {
        logQuery: (query) => {
          statements.count++;
          recordStatement(query);
        },
      },
      prepare: (owner) => prepareQueue(owner, settings),
    });
    queue = await createQueue(database, settings, (error) => {
      // Dropping the test database ends any connection pg-boss has not closed yet; that is
      // the teardown working, not a failure of the test.
      if (!closing) throw error;
    });
    events = await EventHub.connect(database);
    if (options.worker) {
      stopWorker = await startWorker({
        db: database.db,
        queue,
        events,
        settings,
        logger: { info: () => {}, error: () => {} },
      });
    }
    deps = {
      db: database.db,
      auth: { ...testAuth, ...options.auth },
      exposeInternalErrors: false,
      jobs: { queue, events, settings },
    };
  }, 60_000);
  afterAll(async () => {
    closing = true;
    await stopWorker?.(0);
    await queue.stop();
    await events.close();
    await database.destroy();
  });

  /** A caller with this token; `signal` ends its subscriptions. */
  const as = (accessToken?: string | null, signal?: AbortSignal) =>
    createCaller(createContextInner(deps, accessToken), { signal });

  /** A caller from this address and browser, as the HTTP layer would describe it. */
  const from = (client: Partial<Client>, accessToken?: string | null) =>
    createCaller(createContextInner(deps, accessToken, { ip: null, userAgent: null, ...client }));

  async function signUp(label = "user") {
    const email = uniqueEmail(label);
    const registered = await as().auth.register({
      email,
      password: testPassword,
      name: label,
    });
    return { ...registered, email, caller: as(registered.tokens.accessToken) };
  }

  /** Someone added to the workspace with this role, signed in to it. */
  async function join(workspaceId: string, role: Role, label: string = role) {
    const person = await signUp(label);
    await database.owner.insert(memberships).values({ workspaceId, userId: person.user.id, role });
    const switched = await person.caller.auth.switchWorkspace({ workspaceId });
    // The sign-up's refresh token goes on, now in this workspace.
    const tokens = { ...person.tokens, ...switched.tokens };
    return { ...person, tokens, caller: as(tokens.accessToken) };
  }

  /** An owner's workspace with one member of each other role, each signed in to it. */
  async function team() {
    const owner = await signUp("owner");
    const workspaceId = owner.workspace.id;
    return {
      owner,
      admin: await join(workspaceId, "admin"),
      editor: await join(workspaceId, "editor"),
      viewer: await join(workspaceId, "viewer"),
    };
  }

  return {
    /** The owner's view, past row-level security: for fixtures and for checking what is stored. */
    get db() {
      return database.owner;
    },
    /** The application role's view, as the API has it. */
    get app() {
      return asTestCode(database.db);
    },
    get deps() {
      return deps;
    },
    get queue() {
      return queue;
    },
    statements,
    as,
    from,
    signUp,
    join,
    team,
  };
}

/** Asserts a promise rejects with a tRPC error of this code, and returns the error. */
export async function rejection(promise: Promise<unknown>, code: string) {
  const error: unknown = await promise.then(
    () => {
      throw new Error(`expected ${code}, but the call succeeded`);
    },
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error) || (error as { code?: string }).code !== code) {
    throw new Error(
      `expected ${code}, got ${String((error as { code?: string }).code)}: ${String(error)}`,
    );
  }
  return error;
}

/** Where a BAD_REQUEST's zod issues point, e.g. `["password"]`. */
export function issuePaths(error: Error): string[] {
  const issues = (error.cause as { issues?: { path: PropertyKey[] }[] } | undefined)?.issues;
  if (!issues) throw new Error(`not a validation error: ${String(error)}`);
  return issues.map((issue) => issue.path.join("."));
}
