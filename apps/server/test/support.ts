import { parseEnv, type Env } from "../src";

export const ALLOWED_ORIGIN = "http://app.example.test";

export function testEnv(overrides: Record<string, string> = {}): Env {
  const parsed = parseEnv({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    CORS_ORIGINS: ALLOWED_ORIGIN,
    ...overrides,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.env;
}
