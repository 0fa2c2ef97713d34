import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppRouter } from "@transmute/api";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger, startServer } from "../src";
import { testEnv } from "./support";

describe("the embedded database", () => {
  const root = mkdtempSync(join(tmpdir(), "transmute-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("is created in a folder that does not exist yet, and keeps its data across restarts", async () => {
    // As on a fresh clone: neither .data/ nor anything under it exists.
    const env = testEnv({ PGLITE_DIR: join(root, "not", "yet", "there") });
    const client = (url: string) =>
      createTRPCClient<AppRouter>({
        links: [httpLink({ url: `${url}/trpc`, transformer: superjson })],
      });

    const first = await startServer(env, createLogger(env));
    const credentials = { email: "persist@example.test", password: "long enough password" };
    await client(first.url).auth.register.mutate({ ...credentials, name: "Persist" });
    await first.close();

    const second = await startServer(env, createLogger(env));
    try {
      const { tokens } = await client(second.url).auth.login.mutate(credentials);
      expect(tokens.accessToken).toBeTruthy();
    } finally {
      await second.close();
    }
    // Two cold starts of the WASM database, each migrating and installing the queue.
  }, 120_000);
});
