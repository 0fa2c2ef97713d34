import { createTestDatabase, type TestDatabase } from "@transmute/db/testing";
import type { Engine } from "@transmute/db";
import { afterAll, beforeAll } from "vitest";
import { createCaller, createContextInner, defaultAuthSettings, type ApiDeps } from "../src";

export const testAuth = {
  ...defaultAuthSettings,
  jwtSecret: "test-secret-test-secret-test-secret-1234",
};

let counter = 0;
/** A unique email per call, so tests in one database never collide. */
export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${++counter}@example.test`;

/**
 * One migrated database per test file and engine, plus helpers to act as users. `statements`
 * counts every SQL statement the API sends, for the N+1 checks.
 */
export function useApi(engine: Engine) {
  let database: TestDatabase;
  let deps: ApiDeps;
  const statements = { count: 0 };

  beforeAll(async () => {
    database = await createTestDatabase(engine, { logQuery: () => void statements.count++ });
    deps = { db: database.db, auth: testAuth, exposeInternalErrors: false };
  }, 60_000);
  afterAll(() => database.destroy());

  const as = (accessToken?: string | null) => createCaller(createContextInner(deps, accessToken));

  async function signUp(label = "user") {
    const email = uniqueEmail(label);
    const registered = await as().auth.register({
      email,
      password: "correct horse battery",
      name: label,
    });
    return { ...registered, email, caller: as(registered.tokens.accessToken) };
  }

  return {
    get db() {
      return database.db;
    },
    get deps() {
      return deps;
    },
    statements,
    as,
    signUp,
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
