import type { Engine } from "@transmute/db";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import { createLogger, jobSettingsFrom, parseEnv, startServer } from "@transmute/server";
import { createTransmuteClient } from "../../src";

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** The real server, on a fresh database of the engine, with its in-process worker. */
export async function startTestServer(
  engine: Engine,
  env: Record<string, string> = {},
): Promise<TestServer> {
  const parsed = parseEnv({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    // Node's server.close() counts a connection that has sent no request as busy, and an aborted
    // live subscription can leave one in the client's pool until its keep-alive ends (4 s).
    SHUTDOWN_TIMEOUT: "1",
    // The tests call faster than an integrator should, and every test account signs up from
    // 127.0.0.1; the server's own tests cover the limits.
    REGISTRATIONS_PER_IP: "100000",
    RATE_LIMIT_PER_CALLER: "1000000",
    RATE_LIMIT_PER_WORKSPACE: "1000000",
    ...env,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const database = await createJobsTestDatabase(engine, jobSettingsFrom(parsed.env));
  const server = await startServer(parsed.env, createLogger(parsed.env), database);
  return {
    url: server.url,
    async close() {
      await server.close();
      await database.destroy();
    },
  };
}

let accounts = 0;

/** A new account with its own workspace, registered through the client; returns its access token. */
export async function signUp(
  url: string,
  account: { email?: string; password?: string } = {},
): Promise<string> {
  accounts += 1;
  const { tokens } = await createTransmuteClient({ url }).auth.register.mutate({
    email: account.email ?? `client-${process.pid}-${accounts}@example.test`,
    password: account.password ?? "long enough password",
    name: `Client ${accounts}`,
  });
  return tokens.accessToken;
}

/** A workspace API key with every scope, made by the account behind `accessToken`. */
export async function createApiKey(url: string, accessToken: string): Promise<string> {
  const admin = createTransmuteClient({ url, apiKey: accessToken });
  const { secret } = await admin.apiKey.create.mutate({
    name: "service",
    scopes: ["documents:read", "documents:write", "transformations:read", "transformations:run"],
  });
  return secret;
}
