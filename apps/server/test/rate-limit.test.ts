import type { AppRouter } from "@transmute/api";
import { describeEachEngine } from "@transmute/db/testing";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger, startServer, type RunningServer } from "../src";
import { testEnv, useServer } from "./support";

describeEachEngine("rate limits", (engine) => {
  const env = testEnv({
    RATE_LIMIT_PER_CALLER: "5",
    RATE_LIMIT_PER_WORKSPACE: "8",
    RATE_LIMIT_WINDOW_SECONDS: "3600",
  });
  const running = useServer(engine, env);
  // A second server process on the same database: the counts are the database's, not a process's.
  let second: RunningServer;
  beforeAll(async () => {
    second = await startServer(env, createLogger(env), running.database);
  });
  afterAll(() => second.close());

  const client = (url: string, token?: string) =>
    createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${url}/trpc`,
          transformer: superjson,
          headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
        }),
      ],
    });

  let accounts = 0;
  async function twoKeys() {
    accounts += 1;
    const { tokens } = await client(running.server.url).auth.register.mutate({
      email: `limits-${accounts}-${Date.now()}@example.test`,
      password: "long enough password",
      name: `Limits ${accounts}`,
    });
    const admin = client(running.server.url, tokens.accessToken);
    const make = async (name: string) =>
      (await admin.apiKey.create.mutate({ name, scopes: ["documents:read"] })).secret;
    // Creating the keys counts 2 requests against the account and the workspace.
    return [await make("a"), await make("b")] as const;
  }

  const get = (url: string, key: string) =>
    fetch(`${url}/v1/documents`, { headers: { authorization: `Bearer ${key}` } });

  it("counts each key across server processes, says so in headers, and refuses with Retry-After", async () => {
    const [key] = await twoKeys();
    const remaining: string[] = [];
    for (const url of [running.server.url, second.url, running.server.url, second.url]) {
      const answer = await get(url, key);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("ratelimit-limit")).toBe("5");
      remaining.push(answer.headers.get("ratelimit-remaining")!);
    }
    expect(remaining).toEqual(["4", "3", "2", "1"]);
    // The fifth call, by the typed protocol on the other process: still allowed, then refused.
    const typed = client(second.url, key);
    await typed.document.list.query({});
    const error = await typed.document.list.query({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe("TOO_MANY_REQUESTS");

    const refused = await get(running.server.url, key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(await refused.json()).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("caps a workspace's keys together", async () => {
    const [a, b] = await twoKeys();
    for (let i = 0; i < 5; i++) expect((await get(running.server.url, a)).status).toBe(200);
    // 2 (making the keys) + 5 (a) + 1 (b) = 8, the workspace's limit.
    expect((await get(second.url, b)).status).toBe(200);
    const refused = await get(running.server.url, b);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("ratelimit-limit")).toBe("8");
  });

  it("answers a refused batch with one typed error per call", async () => {
    const [key] = await twoKeys();
    for (let i = 0; i < 5; i++) await get(running.server.url, key);
    const batch = await fetch(
      `${running.server.url}/trpc/document.list,workspace.current?batch=1&input={}`,
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(batch.status).toBe(429);
    const body = (await batch.json()) as { error: { json: { data: { code: string } } } }[];
    expect(body.map((call) => call.error.json.data.code)).toEqual([
      "TOO_MANY_REQUESTS",
      "TOO_MANY_REQUESTS",
    ]);
  });
});
