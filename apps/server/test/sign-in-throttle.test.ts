import type { AppRouter } from "@transmute/api";
import { describeEachEngine, describeOnPostgres, type TestDatabase } from "@transmute/db/testing";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger, startServer, type RunningServer } from "../src";
import { testEnv, useServer } from "./support";

const password = "correct horse battery";

/** A client that batches, and counts the HTTP requests it makes. */
function client(url: string) {
  const requests = { count: 0 };
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        transformer: superjson,
        fetch: (...args: Parameters<typeof fetch>) => {
          requests.count++;
          return fetch(...args);
        },
      }),
    ],
  });
  return { trpc, requests };
}

const codeOf = (result: PromiseSettledResult<unknown>) =>
  result.status === "fulfilled"
    ? "OK"
    : result.reason instanceof TRPCClientError
      ? String((result.reason.data as { code?: string } | undefined)?.code)
      : String(result.reason);

async function register(url: string, email: string) {
  await client(url).trpc.auth.register.mutate({ email, password, name: "Throttled" });
}

describeEachEngine("sign-in throttling over HTTP", (engine) => {
  const running = useServer(engine);

  it("counts every login call of one batched request, refusing those past the limit", async () => {
    const email = `batch-${Date.now()}@example.test`;
    await register(running.server.url, email);
    const { trpc, requests } = client(running.server.url);
    const results = await Promise.allSettled(
      Array.from({ length: 7 }, () =>
        trpc.auth.login.mutate({ email, password: "wrong password" }),
      ),
    );
    expect(requests.count).toBe(1);
    expect(results.map(codeOf).sort()).toEqual([
      ...Array<string>(2).fill("TOO_MANY_REQUESTS"),
      ...Array<string>(5).fill("UNAUTHORIZED"),
    ]);
    const next = await fetch(`${running.server.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { email, password } }),
    });
    expect(next.status).toBe(429);
    expect(Number(next.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describeEachEngine("sign-up limits over HTTP", (engine) => {
  const running = useServer(engine, testEnv({ REGISTRATIONS_PER_IP: "2" }));

  it("refuses sign-ups past the limit from one address with a 429 that says when to retry", async () => {
    const signUp = (label: string) =>
      fetch(`${running.server.url}/trpc/auth.register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          json: { email: `${label}-${Date.now()}@example.test`, password, name: label },
        }),
      });
    expect((await signUp("first")).status).toBe(200);
    expect((await signUp("second")).status).toBe(200);
    const refused = await signUp("third");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

// PostgreSQL only: the embedded database belongs to a single process by design.
describeOnPostgres("sign-in throttling across servers", () => {
  let database: TestDatabase;
  let servers: RunningServer[] = [];

  beforeAll(async () => {
    database = await createJobsTestDatabase("postgres");
    const env = testEnv({ DATABASE_URL: database.url!, WORKER_ENABLED: "false" });
    for (let i = 0; i < 2; i++) servers.push(await startServer(env, createLogger(env)));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
    await database.destroy();
  });

  it("locks an account on every server once it failed on one", async () => {
    const [first, second] = servers as [RunningServer, RunningServer];
    const email = `shared-${Date.now()}@example.test`;
    await register(second.url, email);
    const viaFirst = client(first.url).trpc;
    for (let i = 0; i < 5; i++) {
      const failed = await Promise.allSettled([
        viaFirst.auth.login.mutate({ email, password: "wrong password" }),
      ]);
      expect(failed.map(codeOf)).toEqual(["UNAUTHORIZED"]);
    }
    const onSecond = await Promise.allSettled([
      client(second.url).trpc.auth.login.mutate({ email, password }),
    ]);
    expect(onSecond.map(codeOf)).toEqual(["TOO_MANY_REQUESTS"]);
  });
});
