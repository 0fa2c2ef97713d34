import { createTestDatabase, type TestDatabase } from "@transmute/db/testing";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type RunningServer } from "../src";
import { testEnv } from "./support";

let database: TestDatabase;
let server: RunningServer;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase("pglite");
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
