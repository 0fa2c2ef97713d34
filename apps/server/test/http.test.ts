import type { AppRouter } from "@transmute/api";
import { CLIENT_BATCH_SIZE as MAX_BATCH_ITEMS } from "@transmute/api/limits";
import { sql } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import type { TransformationEvent } from "@transmute/jobs";
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  TRPCClientError,
} from "@trpc/client";
import { EventSource } from "eventsource";
import { expect, it } from "vitest";
import superjson from "superjson";
import { createLogger, startServer } from "../src";
import { ALLOWED_ORIGIN, testEnv, useServer } from "./support";

describeEachEngine("HTTP server", (engine) => {
  const env = testEnv({ BODY_LIMIT_BYTES: "65536" });
  const running = useServer(engine, env);

  const client = (token?: string) =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${running.server.url}/trpc`,
          transformer: superjson,
          headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
        }),
      ],
    });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${running.server.url}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("answers health and readiness probes", async () => {
    expect(await (await fetch(`${running.server.url}/healthz`)).json()).toEqual({ status: "ok" });
    // Ready, without naming the engine to anyone who asks.
    expect(await (await fetch(`${running.server.url}/readyz`)).json()).toEqual({
      status: "ready",
    });
  });

  it("takes a token in the connection parameters for subscriptions only, never for plain calls", async () => {
    const { tokens } = await client().auth.register.mutate({
      email: `http-params-${Date.now()}@example.test`,
      password: "long enough password",
      name: "Params",
    });
    const params = encodeURIComponent(JSON.stringify({ token: tokens.accessToken }));
    const inUrl = await fetch(`${running.server.url}/trpc/auth.me?connectionParams=${params}`);
    expect(inUrl.status).toBe(401);
    const batched = await fetch(
      `${running.server.url}/trpc/auth.me,document.list?batch=1&connectionParams=${params}`,
    );
    expect(batched.status).toBe(401);
    const asHeader = await fetch(`${running.server.url}/trpc/auth.me`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(asHeader.status).toBe(200);
  });

  it("serves the typed API end to end, Dates included", async () => {
    const email = `http-${Date.now()}@example.test`;
    const { tokens } = await client().auth.register.mutate({
      email,
      password: "long enough password",
      name: "Http",
    });
    const api = client(tokens.accessToken);
    const doc = await api.document.create.mutate({
      title: "Over HTTP",
      format: "markdown",
      content: "# hi",
    });
    expect(doc.createdAt).toBeInstanceOf(Date);
    const [list, me] = await Promise.all([api.document.list.query({}), api.auth.me.query()]);
    expect(list.items.map((d) => d.id)).toEqual([doc.id]);
    expect(me.user.email).toBe(email);
  });

  it("takes an API key wherever it takes an access token, live events over SSE included", async () => {
    const { tokens } = await client().auth.register.mutate({
      email: `http-key-${Date.now()}@example.test`,
      password: "long enough password",
      name: "Keyed",
    });
    const { secret, apiKey } = await client(tokens.accessToken).apiKey.create.mutate({
      name: "Integration",
      scopes: ["documents:write", "transformations:run", "transformations:read"],
    });
    const keyed = client(secret);
    const document = await keyed.document.create.mutate({
      title: "By key",
      format: "markdown",
      content: "# By key\n\nOver HTTP.",
    });

    const live = createTRPCClient<AppRouter>({
      links: [
        httpSubscriptionLink({
          url: `${running.server.url}/trpc`,
          transformer: superjson,
          EventSource,
          connectionParams: { token: secret },
        }),
      ],
    });
    let subscription: { unsubscribe(): void } | undefined;
    const succeeded = new Promise<TransformationEvent>((resolve, reject) => {
      subscription = live.transformation.onChange.subscribe(
        { documentId: document.id },
        {
          onData: ({ data }) => data.status === "succeeded" && resolve(data),
          onError: reject,
        },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const created = await keyed.transformation.create.mutate({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    expect((await succeeded).transformationId).toBe(created.id);
    subscription?.unsubscribe();

    // Lacking a scope is 403; a revoked key is 401 at once.
    const list = () =>
      fetch(`${running.server.url}/trpc/document.list`, {
        headers: { authorization: `Bearer ${secret}` },
      });
    expect((await list()).status).toBe(403);
    await client(tokens.accessToken).apiKey.revoke.mutate({ apiKeyId: apiKey.id });
    expect((await list()).status).toBe(401);
  });

  it("sets security headers, a request id and no-store caching on API answers", async () => {
    const response = await fetch(`${running.server.url}/trpc/auth.me`);
    expect(response.status).toBe(401);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-request-id")).toMatch(/[0-9a-f-]{36}/);
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("allows CORS from the configured origins only, with credentials and a one-hour max age", async () => {
    const preflight = (origin: string) =>
      fetch(`${running.server.url}/trpc/auth.login`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization,content-type",
        },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
    expect(allowed.headers.get("access-control-max-age")).toBe("3600");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("Authorization");
    const denied = await preflight("http://evil.example.test");
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers bad input with 400 and the zod issues in error.data, no stack", async () => {
    const response = await post("auth.register", {
      json: { email: "nope", password: "x", name: "" },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: {
        json: {
          message: string;
          data: { code: string; issues: { path: string[] }[]; stack?: string };
        };
      };
    };
    expect(body.error.json.data.code).toBe("BAD_REQUEST");
    expect(body.error.json.data.issues.map((issue) => issue.path.join("."))).toEqual([
      "email",
      "password",
      "name",
    ]);
    expect(body.error.json.message).toContain("email:");

    const malformed = await post("auth.login", "{not json");
    expect(malformed.status).toBe(400);

    const error = await client()
      .document.get.query({ id: "nope" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCClientError);
  });

  it("refuses an oversized body and an oversized batch with typed errors", async () => {
    const big = await post("auth.login", {
      json: { email: "a@b.co", password: "x".repeat(70_000) },
    });
    expect(big.status).toBe(413);
    const paths = Array.from({ length: env.MAX_BATCH_SIZE + 1 }, () => "auth.me").join(",");
    const batch = await fetch(`${running.server.url}/trpc/${paths}?batch=1&input={}`);
    expect(batch.status).toBe(400);
    expect(batch.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await batch.json()).toMatchObject({
      error: { json: { data: { code: "BAD_REQUEST", httpStatus: 400 } } },
    });
  });

  it("takes 100 calls in one tick from the README's plain httpBatchLink setup", async () => {
    const { tokens } = await client().auth.register.mutate({
      email: `http-batch-${Date.now()}@example.test`,
      password: "long enough password",
      name: "Batcher",
    });
    let requests = 0;
    const plain = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${running.server.url}/trpc`,
          transformer: superjson,
          maxItems: MAX_BATCH_ITEMS,
          headers: () => ({ authorization: `Bearer ${tokens.accessToken}` }),
          fetch: (...args: Parameters<typeof fetch>) => {
            requests += 1;
            return fetch(...args);
          },
        }),
      ],
    });
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => plain.workspace.current.query()),
    );
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    expect(requests).toBe(Math.ceil(100 / MAX_BATCH_ITEMS));
  });

  it("refuses a MAX_BATCH_SIZE below the clients' batch size", () => {
    expect(() => testEnv({ MAX_BATCH_SIZE: String(MAX_BATCH_ITEMS - 1) })).toThrow(
      /MAX_BATCH_SIZE must be at least/,
    );
  });

  it("finishes in-flight requests when shut down, then refuses new ones", async () => {
    const own = await startServer(env, createLogger(env), running.database);
    const plain = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${own.url}/trpc`, transformer: superjson })],
    });
    // The test holds a lock that registration's insert must wait for, so the request is still
    // running when close() begins however slowly the machine gets it there.
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const lock = running.database.owner.transaction(async (tx) => {
      await tx.execute(sql`lock table users in exclusive mode`);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    const inFlight = plain.auth.register.mutate({
      email: `drain-${Date.now()}@example.test`,
      password: "long enough password",
      name: "Drain",
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const closing = own.close();
    // close() must wait for the request, not cut it off: it is still parked when close() begins.
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await lock;
    await closing;
    expect((await inFlight).user.name).toBe("Drain");
    await expect(fetch(`${own.url}/healthz`)).rejects.toThrow();
  });
});
