import type { TestDatabase } from "@transmute/db/testing";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import type { AppRouter } from "@transmute/api";
import { createTRPCClient, httpLink } from "@trpc/client";
import { pino } from "pino";
import superjson from "superjson";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type RunningServer } from "../src";
import { testEnv } from "./support";

let database: TestDatabase;
let server: RunningServer;
const lines: string[] = [];

beforeAll(async () => {
  database = await createJobsTestDatabase("pglite");
  const env = testEnv({ LOG_LEVEL: "info" });
  server = await startServer(
    env,
    pino({ level: "info" }, { write: (line: string) => void lines.push(line) }),
    database,
  );
});
afterAll(async () => {
  await server.close();
  await database.destroy();
});

it("logs each request with its id, and never the credentials", async () => {
  const token = "eyJhbGciOiJIUzI1NiJ9.secret-looking-token.signature";
  const params = encodeURIComponent(JSON.stringify({ token }));
  const response = await fetch(`${server.url}/trpc/auth.me?connectionParams=${params}`, {
    headers: { authorization: `Bearer ${token}`, "x-request-id": "req-123" },
  });
  expect(response.headers.get("x-request-id")).toBe("req-123");
  await new Promise((resolve) => setTimeout(resolve, 50));
  const logged = lines.join("\n");
  expect(logged).toContain('"id":"req-123"');
  expect(logged).toContain("connectionParams=[redacted]");
  expect(logged).not.toContain("secret-looking-token");
});

it("never logs an API key, sent as a bearer token or in the connection parameters", async () => {
  const client = (bearer?: string) =>
    createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${server.url}/trpc`,
          transformer: superjson,
          headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
        }),
      ],
    });
  const { tokens } = await client().auth.register.mutate({
    email: "logging-keys@example.test",
    password: "long enough password",
    name: "Keys",
  });
  const { secret } = await client(tokens.accessToken).apiKey.create.mutate({
    name: "Logged?",
    scopes: ["documents:read"],
  });
  await client(secret).document.list.query({});
  // Refused calls are logged too: a key with a typo, a people-only procedure.
  await expect(client(`${secret}x`).document.list.query({})).rejects.toThrow("Invalid API key");
  await expect(client(secret).auth.me.query()).rejects.toThrow("API keys cannot call auth.me");
  const params = encodeURIComponent(JSON.stringify({ token: secret }));
  await fetch(`${server.url}/trpc/document.list?connectionParams=${params}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const logged = lines.join("\n");
  expect(logged).toContain("document.list");
  expect(logged).not.toContain(secret.slice("tm_live_".length));
});

it("logs the procedure and the workspace named in the input on the request's line", async () => {
  const workspaceId = "7f0c1c9e-3b1a-4c55-9d7e-0a1b2c3d4e5f";
  const input = encodeURIComponent(JSON.stringify({ json: { workspaceId } }));
  await fetch(`${server.url}/trpc/document.list?input=${input}`, {
    headers: { "x-request-id": "req-workspace" },
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const line = lines
    .map((text) => JSON.parse(text) as { req?: { id?: string } })
    .find((entry) => entry.req?.id === "req-workspace");
  expect(line).toMatchObject({ procedure: "document.list", workspaceId });
});
