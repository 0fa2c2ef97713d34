import {
  and,
  deliveryEndpoint,
  eq,
  sql,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  withTenant,
  type Database,
} from "@transmute/db";
import type { JobWithMetadata } from "pg-boss";
import type { DeliveryJob } from "../queue";
import type { WebhookSettings } from "../settings";
import { resolveWebhookTarget } from "./address-policy";
import { postWebhook } from "./send";
import { signatureHeader } from "./signature";

/** How much of an error message is kept with an attempt. */
const ERROR_LIMIT = 500;

interface Outcome {
  status?: number;
  body?: string;
  error?: string;
  /** Trying again cannot help: the address is refused. */
  permanent?: boolean;
}

interface Claimed {
  url: string;
  secret: string;
  event: string;
  body: string;
  attempt: number;
}

async function send(claimed: Claimed, deliveryId: string, settings: WebhookSettings) {
  const target = await resolveWebhookTarget(claimed.url, settings);
  if (!target.ok) return { error: target.reason, permanent: !target.retryable };
  try {
    const response = await postWebhook(
      target,
      {
        "Content-Type": "application/json",
        "User-Agent": "Transmute-Webhooks/1",
        "Transmute-Event": claimed.event,
        "Transmute-Delivery": deliveryId,
        // Signed now, for this attempt: a receiver can refuse old timestamps.
        "Transmute-Signature": signatureHeader(claimed.secret, claimed.body),
      },
      claimed.body,
      settings.timeoutSeconds * 1000,
    );
    return { status: response.status, body: response.body } satisfies Outcome;
  } catch (error) {
    return {
      error: (error instanceof Error ? error.message : String(error)).slice(0, ERROR_LIMIT),
    };
  }
}

/**
 * One attempt of one delivery: counted, sent (no transaction is held open meanwhile), and
 * recorded with what came back. Throws when another attempt should follow, which pg-boss makes
 * after the backoff delay. A delivery that is no longer pending (its endpoint was deleted, or a
 * duplicate job ran first) is left alone; one whose endpoint was disabled fails unsent.
 */
export async function attemptDelivery(
  db: Database,
  settings: WebhookSettings,
  job: JobWithMetadata<DeliveryJob>,
): Promise<void> {
  const { workspaceId, deliveryId } = job.data;
  const tenant = <T>(work: (tx: Database) => Promise<T>) => withTenant(db, workspaceId, work);
  const delivery = and(
    eq(webhookDeliveries.workspaceId, workspaceId),
    eq(webhookDeliveries.id, deliveryId),
  );

  const claimed = await tenant(async (tx): Promise<Claimed | null> => {
    const [row] = await tx
      .select({
        url: webhookEndpoints.url,
        secret: webhookEndpoints.secret,
        enabled: webhookEndpoints.enabled,
        event: webhookDeliveries.event,
        body: webhookDeliveries.body,
        status: webhookDeliveries.status,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, deliveryEndpoint)
      .where(delivery);
    if (!row || row.status !== "pending") return null;
    if (!row.enabled) {
      await tx
        .update(webhookDeliveries)
        .set({ status: "failed", lastError: "The endpoint is disabled" })
        .where(delivery);
      return null;
    }
    const [counted] = await tx
      .update(webhookDeliveries)
      .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: sql`now()` })
      .where(delivery)
      .returning({ attempts: webhookDeliveries.attempts });
    return { ...row, attempt: counted!.attempts };
  });
  if (!claimed) return;

  const started = performance.now();
  const outcome: Outcome = await send(claimed, deliveryId, settings);
  const durationMs = Math.round(performance.now() - started);
  const succeeded = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
  const again = !succeeded && !outcome.permanent && job.retryCount < job.retryLimit;

  await tenant(async (tx) => {
    const [recorded] = await tx
      .update(webhookDeliveries)
      .set({
        status: succeeded ? "succeeded" : again ? "pending" : "failed",
        responseStatus: outcome.status ?? null,
        lastError: succeeded ? null : (outcome.error ?? `The endpoint answered ${outcome.status}`),
        ...(succeeded ? { deliveredAt: sql`now()` } : {}),
      })
      .where(delivery)
      .returning({ id: webhookDeliveries.id });
    // Deleted with its endpoint meanwhile: nothing left to record against.
    if (!recorded) return;
    await tx.insert(webhookAttempts).values({
      workspaceId,
      deliveryId,
      attempt: claimed.attempt,
      responseStatus: outcome.status ?? null,
      responseBody: outcome.body ?? null,
      error: outcome.error ?? null,
      durationMs,
    });
  });
  if (again) throw new Error(outcome.error ?? `The endpoint answered ${outcome.status}`);
}
