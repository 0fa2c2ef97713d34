import { and, eq, newId, webhookDeliveries, webhookEndpoints, type Database } from "@transmute/db";
import { arrayContains } from "drizzle-orm";
import type { Queue } from "../queue";
import type { WebhookEventInput } from "./payloads";

/**
 * Announces an event to the workspace's enabled endpoints that subscribe to it. Runs in the
 * transaction making the change (an outbox): the deliveries and their jobs commit with it or not
 * at all, and the request that caused the event never waits for a receiver. With no endpoint
 * listening, it costs one indexed query.
 */
export async function emitWebhookEvent(
  tx: Database,
  queue: Queue,
  workspaceId: string,
  event: WebhookEventInput,
): Promise<void> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.workspaceId, workspaceId),
        eq(webhookEndpoints.enabled, true),
        arrayContains(webhookEndpoints.events, [event.type]),
      ),
    );
  if (endpoints.length === 0) return;
  const eventId = newId();
  const body = JSON.stringify({
    id: eventId,
    type: event.type,
    createdAt: new Date().toISOString(),
    workspaceId,
    data: event.data,
  });
  const deliveries = await tx
    .insert(webhookDeliveries)
    .values(
      endpoints.map((endpoint) => ({
        workspaceId,
        endpointId: endpoint.id,
        eventId,
        event: event.type,
        body,
      })),
    )
    .returning({ id: webhookDeliveries.id });
  await queue.enqueueDeliveries(
    tx,
    deliveries.map((delivery) => ({ workspaceId, deliveryId: delivery.id })),
  );
}
