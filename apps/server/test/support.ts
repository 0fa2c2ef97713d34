import type { Engine } from "@transmute/db";
import { createTestDatabase, type TestDatabase } from "@transmute/db/testing";
import { afterAll, beforeAll } from "vitest";
import { createLogger, parseEnv, startServer, type Env, type RunningServer } from "../src";

export const ALLOWED_ORIGIN = "http://app.example.test";

export function testEnv(overrides: Record<string, string> = {}): Env {
  const parsed = parseEnv({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    CORS_ORIGINS: ALLOWED_ORIGIN,
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
    running.database = await createTestDatabase(engine);
    running.server = await startServer(env, createLogger(env), running.database);
  });
  afterAll(async () => {
    await running.server.close();
    await running.database.destroy();
  });
  return running;
}
