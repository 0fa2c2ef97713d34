import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  eq,
  queryRows,
  sql,
  webhookDeliveries,
  webhookEndpoints,
  withTenant,
  workspaces,
} from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { emitWebhookEvent, newWebhookSecret, WEBHOOK_QUEUE } from "../src";
import { useWorker } from "./harness";

describeEachEngine("webhook deliveries", (engine) => {
  const jobs = useWorker(engine);
  let requests = 0;
  const receiver = createServer((request, response) => {
    requests++;
    request.resume();
    response.writeHead(200).end();
  });
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  async function workspaceWithEndpoint() {
    const db = jobs.state.database.db;
    const [workspace] = await jobs.state.database.owner
      .insert(workspaces)
      .values({ name: "hooks" })
      .returning();
    const workspaceId = workspace!.id;
    const [endpoint] = await withTenant(db, workspaceId, (tx) =>
      tx
        .insert(webhookEndpoints)
        .values({ workspaceId, url, events: ["document.created"], secret: newWebhookSecret() })
        .returning(),
    );
    return { workspaceId, endpointId: endpoint!.id };
  }

  const event = { type: "document.created" as const, data: { document: { id: "d" } } };

  it("sends nothing to an endpoint disabled after the delivery was queued", async () => {
    const db = jobs.state.database.db;
    const { workspaceId, endpointId } = await workspaceWithEndpoint();
    const before = requests;
    // Queued and disabled in one transaction, so the worker cannot send it in between.
    await withTenant(db, workspaceId, async (tx) => {
      await emitWebhookEvent(tx, jobs.state.queue, workspaceId, event);
      await tx
        .update(webhookEndpoints)
        .set({ enabled: false })
        .where(eq(webhookEndpoints.id, endpointId));
    });
    const deadline = Date.now() + 20_000;
    let delivery;
    do {
      await new Promise((resolve) => setTimeout(resolve, 50));
      [delivery] = await withTenant(db, workspaceId, (tx) => tx.select().from(webhookDeliveries));
    } while (delivery?.status === "pending" && Date.now() < deadline);
    expect(delivery).toMatchObject({
      status: "failed",
      attempts: 0,
      lastError: "The endpoint is disabled",
    });
    expect(requests).toBe(before);
  });

  it("queues nothing when the change it announces rolls back", async () => {
    const db = jobs.state.database.db;
    const { workspaceId } = await workspaceWithEndpoint();
    const queued = async () => {
      const [row] = await queryRows<{ count: number | string }>(
        db,
        sql`select count(*) as count from pgboss.job
            where name = ${WEBHOOK_QUEUE} and data->>'workspaceId' = ${workspaceId}`,
      );
      return Number(row!.count);
    };
    await expect(
      withTenant(db, workspaceId, async (tx) => {
        await emitWebhookEvent(tx, jobs.state.queue, workspaceId, event);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await withTenant(db, workspaceId, (tx) => tx.select().from(webhookDeliveries))).toEqual(
      [],
    );
    expect(await queued()).toBe(0);
    await withTenant(db, workspaceId, (tx) =>
      emitWebhookEvent(tx, jobs.state.queue, workspaceId, event),
    );
    expect(await queued()).toBe(1);
  });
});
