import type { Engine } from "@transmute/db";
import type { TestDatabase } from "@transmute/db/testing";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import { afterAll, beforeAll } from "vitest";
import {
  createLogger,
  jobSettingsFrom,
  parseEnv,
  startServer,
  type Env,
  type RunningServer,
} from "../src";

export const ALLOWED_ORIGIN = "http://app.example.test";

export function testEnv(overrides: Record<string, string> = {}): Env {
  const parsed = parseEnv({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    CORS_ORIGINS: ALLOWED_ORIGIN,
    // Every test user signs up from 127.0.0.1; the limit has a test of its own.
    REGISTRATIONS_PER_IP: "100000",
    // Nothing balances load in front of a test server: shut down without waiting for one.
    SHUTDOWN_DELAY_SECONDS: "0",
    // Tests call faster than any integrator should; rate-limit.test.ts sets its own limits.
    RATE_LIMIT_PER_CALLER: "1000000",
    RATE_LIMIT_PER_WORKSPACE: "1000000",
    ...overrides,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.env;
}

/** A migrated database of its own and a server on it, for one test file and engine. */
export function useServer(engine: Engine, env: Env = testEnv()) {
  const running = {} as { database: TestDatabase; server: RunningServer };
  beforeAll(async () => {
    running.database = await createJobsTestDatabase(engine, jobSettingsFrom(env));
    running.server = await startServer(env, createLogger(env), running.database);
  });
  afterAll(async () => {
    await running.server.close();
    await running.database.destroy();
  });
  return running;
}
