import { describeEachEngine } from "@transmute/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  createTransmuteClient,
  HttpStatusError,
  MAX_BATCH_ITEMS,
  RequestTimeoutError,
  TRPCClientError,
  waitForTransformation,
  type TransmuteClient,
} from "../src";
import {
  createApiKey,
  signUp,
  startProxy,
  startTestServer,
  type Behaviour,
  type TestServer,
} from "./support";

describeEachEngine("@transmute/client", (engine) => {
  let server: TestServer;
  let token: string;
  let client: TransmuteClient;

  beforeAll(async () => {
    server = await startTestServer(engine);
    token = await signUp(server.url);
    client = createTransmuteClient({ url: server.url, getAccessToken: () => token });
  });
  afterAll(() => server?.close());

  const newDocument = (content = "# Hello\n\nFrom another service.") =>
    client.document.create.mutate({ title: "Service doc", format: "markdown", content });

  /** A client of the same account whose requests go through a misbehaving proxy. */
  async function throughProxy(behaviour: Behaviour, options: { timeoutMs?: number } = {}) {
    const proxy = await startProxy(server.url, behaviour);
    const proxied = createTransmuteClient({
      url: proxy.url,
      apiKey: token,
      retryDelayMs: 10,
      ...options,
    });
    return { proxy, proxied };
  }

  it("runs a transformation and follows its live progress to the end", async () => {
    const document = await newDocument();
    const created = await client.transformation.create.mutate({
      documentId: document.id,
      steps: [{ kind: "markdown-to-html", params: {} }],
    });
    const seen: { status: string; progress: number }[] = [];
    const done = await waitForTransformation(client, created.id, {
      onProgress: (update) => seen.push(update),
      // Only the live events can finish this in time.
      pollIntervalMs: 60_000,
    });
    expect(done.status).toBe("succeeded");
    expect(done.output).toContain("<h1>Hello</h1>");
    expect(["queued", "running"]).toContain(seen[0]!.status);
    expect(seen.at(-1)).toEqual({ status: "succeeded", progress: 100 });
  });

  it("resolves at once for a transformation that has already finished", async () => {
    const document = await newDocument();
    const created = await client.transformation.create.mutate({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    await waitForTransformation(client, created.id);
    const seen: string[] = [];
    const again = await waitForTransformation(client, created.id, {
      onProgress: ({ status }) => seen.push(status),
    });
    expect(again.status).toBe("succeeded");
    expect(seen).toEqual(["succeeded"]);
  });

  it("rejects for a transformation that does not exist, with NOT_FOUND", async () => {
    const error = await waitForTransformation(client, "0190c5d6-0000-7000-8000-000000000000").catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ code: "NOT_FOUND" });
  });

  it("sends a key given as apiKey as the bearer token, over HTTP and for live events", async () => {
    const secret = await createApiKey(server.url, token);
    const keyed = createTransmuteClient({ url: server.url, apiKey: secret });
    const document = await keyed.document.create.mutate({
      title: "Keyed",
      format: "text",
      content: "plain words here",
    });
    const created = await keyed.transformation.create.mutate({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    const done = await waitForTransformation(keyed, created.id, { pollIntervalMs: 60_000 });
    expect(done.status).toBe("succeeded");

    const anonymous = createTransmuteClient({ url: server.url });
    await expect(anonymous.document.list.query({})).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
  });

  it("sends 100 calls made in one tick as batches the server accepts", async () => {
    const { proxy, proxied } = await throughProxy(() => "forward");
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => proxied.workspace.current.query()),
    );
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    expect(proxy.requests).toBe(Math.ceil(100 / MAX_BATCH_ITEMS));
    await proxy.close();
  });

  it("retries a query through 503s and dropped connections, with backoff", async () => {
    const { proxy, proxied } = await throughProxy((n) =>
      n === 1 ? "unavailable" : n === 2 ? "reset" : "forward",
    );
    try {
      const started = Date.now();
      const me = await proxied.auth.me.query();
      expect(me.user.email).toMatch(/@example\.test$/);
      expect(proxy.requests).toBe(3);
      // Two waits of at least half of 10 ms and 20 ms.
      expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    } finally {
      await proxy.close();
    }
  });

  it("gives up after the configured retries with the gateway's status", async () => {
    const { proxy, proxied } = await throughProxy(() => "unavailable");
    try {
      const error = await proxied.document.list.query({}).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TRPCClientError);
      const cause = (error as TRPCClientError<never>).cause;
      expect(cause).toBeInstanceOf(HttpStatusError);
      expect((cause as HttpStatusError).status).toBe(503);
      expect((error as Error).message).toContain("answered HTTP 503");
      expect(proxy.requests).toBe(4);
    } finally {
      await proxy.close();
    }
  });

  it("never retries a mutation without an idempotency key, which may have happened", async () => {
    const document = await newDocument();
    const { proxy, proxied } = await throughProxy(() => "unavailable");
    try {
      await expect(
        proxied.document.update.mutate({ id: document.id, version: 1, title: "Once" }),
      ).rejects.toBeInstanceOf(TRPCClientError);
      expect(proxy.requests).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it("retries a create whose answer was lost, and the server makes it once", async () => {
    const { proxy, proxied } = await throughProxy((n) =>
      n === 1 || n === 3 ? "lose-answer" : "forward",
    );
    try {
      const title = `Exactly once ${Date.now()}`;
      const created = await proxied.document.create.mutate({ title, format: "text", content: "x" });
      const document = await newDocument();
      const started = await proxied.transformation.create.mutate({
        documentId: document.id,
        steps: [{ kind: "stats" }],
      });
      expect(proxy.requests).toBe(4);
      const { items } = await client.document.list.query({ query: title });
      expect(items.map((item) => item.id)).toEqual([created.id]);
      const runs = await client.transformation.list.query({ documentId: document.id });
      expect(runs.items.map((item) => item.id)).toEqual([started.id]);
    } finally {
      await proxy.close();
    }
  });

  it("does not retry an answer from the API itself, such as an input error", async () => {
    const { proxy, proxied } = await throughProxy(() => "forward");
    try {
      await expect(proxied.document.get.query({ id: "not-a-uuid" })).rejects.toMatchObject({
        data: { code: "BAD_REQUEST" },
      });
      expect(proxy.requests).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it("abandons a request that gets no answer within timeoutMs, without retrying it", async () => {
    const { proxy, proxied } = await throughProxy(() => "hang", { timeoutMs: 300 });
    try {
      const started = Date.now();
      const error = await proxied.auth.me.query().catch((caught: unknown) => caught);
      const elapsed = Date.now() - started;
      expect((error as TRPCClientError<never>).cause).toBeInstanceOf(RequestTimeoutError);
      expect((error as Error).message).toContain("within 300 ms");
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(5_000);
      expect(proxy.requests).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});

describeEachEngine("waitForTransformation without a worker", (engine) => {
  let server: TestServer;
  let client: TransmuteClient;

  beforeAll(async () => {
    // Nothing runs the jobs, so transformations stay queued until the test moves them on.
    server = await startTestServer(engine, { WORKER_ENABLED: "false" });
    const token = await signUp(server.url);
    client = createTransmuteClient({ url: server.url, apiKey: token });
  });
  afterAll(() => server?.close());

  async function queued() {
    const document = await client.document.create.mutate({
      title: "Waiting",
      format: "text",
      content: "nobody runs this",
    });
    return client.transformation.create.mutate({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
  }

  it("resolves with the canceled transformation when it is canceled while waited for", async () => {
    const created = await queued();
    const seen: string[] = [];
    const waiting = waitForTransformation(client, created.id, {
      onProgress: ({ status }) => seen.push(status),
      pollIntervalMs: 60_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.transformation.cancel.mutate({ id: created.id });
    const done = await waiting;
    expect(done.status).toBe("canceled");
    expect(seen).toEqual(["queued", "canceled"]);
  });

  it("stops waiting when the caller's signal aborts, leaving the transformation alone", async () => {
    const created = await queued();
    const error = await waitForTransformation(client, created.id, {
      signal: AbortSignal.timeout(300),
    }).catch((caught: unknown) => caught);
    expect((error as Error).name).toBe("TimeoutError");
    expect((await client.transformation.get.query({ id: created.id })).status).toBe("queued");
  });
});
