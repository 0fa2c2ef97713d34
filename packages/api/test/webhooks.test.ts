import { createHmac } from "node:crypto";
import {
  newId,
  transformations,
  webhookEndpoints,
  withTenant,
  type WebhookEvent,
} from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { defaultJobSettings, newWebhookSecret, verifyWebhookSignature } from "@transmute/jobs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MAX_ENDPOINTS_PER_WORKSPACE } from "../src/routers/webhook";
import { rejection, useApi } from "./harness";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver";

const webhookSettings = (allowPrivateNetworks: boolean) => ({
  ...defaultJobSettings.webhooks,
  timeoutSeconds: 2,
  maxAttempts: 2,
  retryDelaySeconds: 1,
  allowPrivateNetworks,
});

/** Verifies as the README tells receivers to, with nothing of ours. */
function signedBy(secret: string, header: string, body: string) {
  const parts = Object.fromEntries(
    header.split(",").map((part) => part.split("=") as [string, string]),
  );
  const expected = createHmac("sha256", secret).update(`${parts.t}.${body}`).digest("hex");
  return parts.v1 === expected && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

function useReceiver() {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());
  return () => receiver;
}

type Api = ReturnType<typeof useApi>;
type Caller = Awaited<ReturnType<Api["signUp"]>>["caller"];

/** Polls until every delivery of the endpoint has this status. */
async function settled(caller: Caller, endpointId: string, status: "succeeded" | "failed") {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { items } = await caller.webhook.deliveries({ endpointId });
    if (items.length > 0 && items.every((delivery) => delivery.status === status)) return items;
    if (Date.now() > deadline) throw new Error(`deliveries: ${JSON.stringify(items)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeEachEngine("webhooks", (engine) => {
  const api = useApi(engine, { worker: true, jobs: { webhooks: webhookSettings(true) } });
  const receiver = useReceiver();

  /** A new workspace with an endpoint at the receiver; `arrivals` are the hooks sent there. */
  async function subscribed(events: [WebhookEvent, ...WebhookEvent[]]) {
    const owner = await api.signUp("hooks");
    const { endpoint, secret } = await owner.caller.webhook.create({
      url: `${receiver().url}/${owner.workspace.id}`,
      events,
    });
    const arrivals = () =>
      receiver().received.filter(
        (hook) =>
          (JSON.parse(hook.body) as { workspaceId: string }).workspaceId === owner.workspace.id,
      );
    return { owner, endpoint, secret, arrivals };
  }

  it("signs each delivery so the receiver can verify it, and names the event and delivery", async () => {
    const { owner, endpoint, secret, arrivals } = await subscribed(["document.created"]);
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await owner.caller.webhook.list())).not.toContain(secret);

    const document = await owner.caller.document.create({
      title: "Hooked",
      format: "markdown",
      content: "# Hooked and more",
      tags: ["a"],
    });
    const [delivery] = await settled(owner.caller, endpoint.id, "succeeded");
    const [hook] = arrivals();

    expect(hook!.headers["content-type"]).toBe("application/json");
    expect(hook!.headers["transmute-event"]).toBe("document.created");
    expect(hook!.headers["transmute-delivery"]).toBe(delivery!.id);
    const signature = hook!.headers["transmute-signature"] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(signedBy(secret, signature, hook!.body)).toBe(true);
    expect(verifyWebhookSignature({ secret, header: signature, body: hook!.body })).toBe(true);
    expect(signedBy(newWebhookSecret(), signature, hook!.body)).toBe(false);
    expect(signedBy(secret, signature, hook!.body.replace("Hooked", "Hacked"))).toBe(false);

    expect(JSON.parse(hook!.body)).toEqual({
      id: delivery!.eventId,
      type: "document.created",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      workspaceId: owner.workspace.id,
      data: {
        document: expect.objectContaining({
          id: document.id,
          title: "Hooked",
          format: "markdown",
          tags: ["a"],
          version: 1,
        }) as unknown,
      },
    });
    // Content can be a megabyte; receivers fetch it if they need it.
    expect(hook!.body).not.toContain("and more");
    expect(delivery).toMatchObject({ attempts: 1, responseStatus: 200, body: hook!.body });
  });

  it("retries after a 500 with backoff, then succeeds, recording every attempt", async () => {
    const { owner, endpoint, arrivals } = await subscribed(["document.created"]);
    receiver().respond.push(500);
    await owner.caller.document.create({ title: "Retry", format: "text", content: "x" });
    const [delivery] = await settled(owner.caller, endpoint.id, "succeeded");
    expect(delivery).toMatchObject({ attempts: 2, responseStatus: 200, lastError: null });
    expect(delivery!.deliveredAt).toBeInstanceOf(Date);
    expect(delivery!.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, responseStatus: 500, responseBody: "answered 500" }),
      expect.objectContaining({ attempt: 2, responseStatus: 200, responseBody: "answered 200" }),
    ]);
    const [first, second] = arrivals();
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(400);
  });

  it("fails a delivery after its last attempt, and replays it on request", async () => {
    const { owner, endpoint, secret, arrivals } = await subscribed(["document.created"]);
    receiver().respond.push(503, 503);
    await owner.caller.document.create({ title: "Down", format: "text", content: "x" });
    const [failed] = await settled(owner.caller, endpoint.id, "failed");
    expect(failed).toMatchObject({
      attempts: 2,
      responseStatus: 503,
      lastError: "The endpoint answered 503",
      deliveredAt: null,
    });
    expect(failed!.attemptLog.map((attempt) => attempt.responseStatus)).toEqual([503, 503]);

    const replayed = await owner.caller.webhook.replay({ deliveryId: failed!.id });
    expect(replayed.status).toBe("pending");
    const [delivered] = await settled(owner.caller, endpoint.id, "succeeded");
    expect(delivered).toMatchObject({ id: failed!.id, attempts: 3, responseStatus: 200 });
    expect(delivered!.attemptLog.map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
    // The same event, under the same delivery id, signed afresh each time.
    const sent = arrivals();
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((hook) => hook.body)).size).toBe(1);
    expect(new Set(sent.map((hook) => hook.headers["transmute-delivery"]))).toEqual(
      new Set([failed!.id]),
    );
    for (const hook of sent) {
      expect(signedBy(secret, hook.headers["transmute-signature"] as string, hook.body)).toBe(true);
    }
    await rejection(owner.caller.webhook.replay({ deliveryId: newId() }), "NOT_FOUND");
  });

  it("records a connection failure as an attempt with its error", async () => {
    const owner = await api.signUp("refused");
    // Port 9 (discard) has no listener here: the connection is refused.
    const { endpoint } = await owner.caller.webhook.create({
      url: "http://127.0.0.1:9/hook",
      events: ["document.created"],
    });
    await owner.caller.document.create({ title: "Nobody", format: "text", content: "x" });
    const deadline = Date.now() + 20_000;
    let delivery;
    do {
      await new Promise((resolve) => setTimeout(resolve, 50));
      [delivery] = (await owner.caller.webhook.deliveries({ endpointId: endpoint.id })).items;
    } while (!delivery?.attemptLog.length && Date.now() < deadline);
    // Another attempt follows after the backoff delay.
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, responseStatus: null });
    expect(delivery?.lastError).toMatch(/ECONNREFUSED/);
    expect(delivery?.attemptLog).toEqual([
      expect.objectContaining({
        attempt: 1,
        responseStatus: null,
        responseBody: null,
        error: expect.stringMatching(/ECONNREFUSED/) as unknown,
      }),
    ]);
  });

  it("sends a disabled endpoint nothing, and will not replay to it", async () => {
    const { owner, endpoint: off, arrivals } = await subscribed(["document.created"]);
    await owner.caller.document.create({ title: "Before", format: "text", content: "x" });
    const [earlier] = await settled(owner.caller, off.id, "succeeded");
    const disabled = await owner.caller.webhook.update({ endpointId: off.id, enabled: false });
    expect(disabled.enabled).toBe(false);
    const { endpoint: on } = await owner.caller.webhook.create({
      url: `${receiver().url}/${owner.workspace.id}/on`,
      events: ["document.created"],
    });

    await owner.caller.document.create({ title: "After", format: "text", content: "x" });
    await settled(owner.caller, on.id, "succeeded");
    expect((await owner.caller.webhook.deliveries({ endpointId: off.id })).items).toHaveLength(1);
    const title = (body: string) =>
      (JSON.parse(body) as { data: { document: { title: string } } }).data.document.title;
    expect(arrivals().map((hook) => [hook.path, title(hook.body)])).toEqual([
      [`/${owner.workspace.id}`, "Before"],
      [`/${owner.workspace.id}/on`, "After"],
    ]);
    const refused = await rejection(
      owner.caller.webhook.replay({ deliveryId: earlier!.id }),
      "PRECONDITION_FAILED",
    );
    expect(refused.message).toMatch(/disabled/);
  });

  it("announces document updates and deletions and finished transformations, only as subscribed", async () => {
    const { owner, endpoint, arrivals } = await subscribed([
      "document.updated",
      "document.deleted",
      "transformation.succeeded",
      "transformation.failed",
    ]);
    const document = await owner.caller.document.create({
      title: "Lifecycle",
      format: "text",
      content: "One sentence. Two sentences.",
    });
    await owner.caller.document.update({ id: document.id, version: 1, title: "Renamed" });
    const transformation = await owner.caller.transformation.create({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    // Parameters the worker refuses, written past the API's own check.
    const broken = await withTenant(api.app, owner.workspace.id, async (tx) => {
      const [row] = await tx
        .insert(transformations)
        .values({
          workspaceId: owner.workspace.id,
          documentId: document.id,
          kind: "summarize",
          params: { sentences: "many" },
        })
        .returning();
      await api.queue.enqueue(tx, { workspaceId: owner.workspace.id, transformationId: row!.id });
      return row!;
    });
    const deadline = Date.now() + 20_000;
    while (arrivals().length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await owner.caller.document.delete({ id: document.id });
    await settled(owner.caller, endpoint.id, "succeeded");

    const payloads = arrivals().map(
      (hook) => JSON.parse(hook.body) as { type: string; data: Record<string, { id: string }> },
    );
    const byType = Object.fromEntries(payloads.map((payload) => [payload.type, payload.data]));
    expect(Object.keys(byType).sort()).toEqual([
      "document.deleted",
      "document.updated",
      "transformation.failed",
      "transformation.succeeded",
    ]);
    expect(payloads).toHaveLength(4);
    expect(byType["document.updated"]).toMatchObject({
      document: { id: document.id, title: "Renamed", version: 2 },
    });
    expect(byType["document.deleted"]).toMatchObject({ document: { id: document.id } });
    expect(byType["transformation.succeeded"]).toMatchObject({
      transformation: { id: transformation.id, status: "succeeded", kind: "stats" },
    });
    expect(byType["transformation.failed"]).toMatchObject({
      transformation: { id: broken.id, status: "failed", error: expect.any(String) as unknown },
    });
  });

  it("keeps each workspace's webhooks to itself", async () => {
    const a = await subscribed(["document.created"]);
    const b = await subscribed(["document.created"]);
    await a.owner.caller.document.create({ title: "A only", format: "text", content: "x" });
    const [delivery] = await settled(a.owner.caller, a.endpoint.id, "succeeded");
    expect(b.arrivals()).toEqual([]);
    expect((await b.owner.caller.webhook.deliveries({})).items).toEqual([]);
    expect(await b.owner.caller.webhook.list()).toEqual([b.endpoint]);
    const foreign = await rejection(
      b.owner.caller.webhook.deliveries({ endpointId: a.endpoint.id }),
      "NOT_FOUND",
    );
    const missing = await rejection(
      b.owner.caller.webhook.deliveries({ endpointId: newId() }),
      "NOT_FOUND",
    );
    expect(foreign.message).toBe(missing.message);
    await rejection(b.owner.caller.webhook.replay({ deliveryId: delivery!.id }), "NOT_FOUND");
    await rejection(b.owner.caller.webhook.delete({ endpointId: a.endpoint.id }), "NOT_FOUND");
  });

  it("holds the endpoint cap against creates sent all at once", async () => {
    const owner = await api.signUp("cap");
    const attempts = MAX_ENDPOINTS_PER_WORKSPACE + 5;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, index) =>
        owner.caller.webhook.create({
          url: `${receiver().url}/cap/${index}`,
          events: ["document.created"],
        }),
      ),
    );
    const refused = results.filter((result) => result.status === "rejected");
    expect(results.length - refused.length).toBe(MAX_ENDPOINTS_PER_WORKSPACE);
    for (const result of refused) {
      expect((result.reason as { code?: string }).code).toBe("PRECONDITION_FAILED");
    }
    expect(await owner.caller.webhook.list()).toHaveLength(MAX_ENDPOINTS_PER_WORKSPACE);
  });

  it("is managed by admins, with every change in the audit log", async () => {
    const { owner, admin, editor } = await api.team();
    await rejection(
      editor.caller.webhook.create({ url: `${receiver().url}/x`, events: ["document.created"] }),
      "FORBIDDEN",
    );
    const { endpoint } = await admin.caller.webhook.create({
      url: `${receiver().url}/audited`,
      events: ["document.created"],
      description: "Audited",
    });
    await admin.caller.webhook.update({ endpointId: endpoint.id, events: ["document.deleted"] });
    await admin.caller.webhook.delete({ endpointId: endpoint.id });
    expect(await admin.caller.webhook.list()).toEqual([]);
    const { items } = await owner.caller.audit.list({});
    expect(items.filter((e) => e.action.startsWith("webhook.")).map((e) => e.action)).toEqual([
      "webhook.deleted",
      "webhook.updated",
      "webhook.created",
    ]);
    expect(items.find((e) => e.action === "webhook.updated")).toMatchObject({
      actorId: admin.user.id,
      targetId: endpoint.id,
      details: { events: ["document.deleted"] },
    });
    expect(JSON.stringify(items)).not.toContain("whsec_");
  });
});

describeEachEngine("webhooks in production", (engine) => {
  const api = useApi(engine, { worker: true, jobs: { webhooks: webhookSettings(false) } });
  const receiver = useReceiver();

  it.each([
    ["http://example.com/hook", /https/],
    ["https://127.0.0.1/hook", /not a public address/],
    ["https://[::ffff:127.0.0.1]/hook", /not a public address/],
    ["https://169.254.169.254/latest/meta-data", /not a public address/],
    ["https://localhost/hook", /localhost resolves to .*, which is not a public address/],
  ])("refuses to register %s", async (url, reason) => {
    const owner = await api.signUp("ssrf");
    const error = await rejection(
      owner.caller.webhook.create({ url, events: ["document.created"] }),
      "BAD_REQUEST",
    );
    expect(error.message).toMatch(reason);
    expect(await owner.caller.webhook.list()).toEqual([]);
  });

  it("checks the address again when delivering, and does not connect to a private one", async () => {
    const owner = await api.signUp("rebound");
    // As if the name had resolved to a public address at registration and changed since.
    const [endpoint] = await withTenant(api.app, owner.workspace.id, (tx) =>
      tx
        .insert(webhookEndpoints)
        .values({
          workspaceId: owner.workspace.id,
          url: `https://localhost:${receiver().port}/hook`,
          events: ["document.created"],
          secret: newWebhookSecret(),
        })
        .returning(),
    );
    await owner.caller.document.create({ title: "Private", format: "text", content: "x" });
    const [failed] = await settled(owner.caller, endpoint!.id, "failed");
    // Refused for good on the first attempt: retrying cannot make the address public.
    expect(failed).toMatchObject({ attempts: 1, responseStatus: null });
    expect(failed!.lastError).toMatch(/localhost resolves to .*, which is not a public address/);
    expect(receiver().received).toEqual([]);
  });
});
