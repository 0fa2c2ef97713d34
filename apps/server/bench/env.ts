import { parseEnv, type Env } from "../src";

/** A production-mode server on a free loopback port, quiet, for the benchmarks. */
export function benchEnv(overrides: Record<string, string>): Env {
  const parsed = parseEnv({
    NODE_ENV: "production",
    JWT_SECRET: "bench-secret-bench-secret-bench-secret",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    // The load generator is one caller far over any real limit; the count is still taken.
    RATE_LIMIT_PER_CALLER: "1000000000",
    RATE_LIMIT_PER_WORKSPACE: "1000000000",
    ...overrides,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.env;
}
