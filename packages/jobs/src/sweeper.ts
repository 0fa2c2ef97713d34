import {
  and,
  eq,
  findAbandonedTransformations,
  transformations,
  withTenant,
  type Database,
} from "@transmute/db";
import { recordEvent } from "./events";
import type { Queue } from "./queue";
import type { JobSettings } from "./settings";
import type { WorkerLogger } from "./worker";

/**
 * Takes back jobs whose worker died. A live worker aborts a job at its timeout and settles it
 * within moments, so a row still `running` well past that lost its worker. It goes back to the
 * queue as a new attempt; the dead attempt's writes are fenced off by its attempt number, so
 * however late that worker speaks, the job finishes once.
 *
 * pg-boss's own expiry would do this, but in testing it left such jobs `active` indefinitely.
 */
export async function sweepAbandoned(
  db: Database,
  queue: Queue,
  settings: JobSettings,
): Promise<number> {
  const cutoff = new Date(Date.now() - (settings.timeoutSeconds + 5) * 1000);
  // Across tenants, through the one function that may look there; each is then requeued in its
  // own tenant transaction.
  const stale = await findAbandonedTransformations(db, cutoff, 100);
  let requeued = 0;
  for (const row of stale) {
    if (await requeueAttempt(db, queue, row)) requeued++;
  }
  return requeued;
}

/**
 * Puts a running attempt back in the queue as the next attempt, unless it has settled or was
 * taken over meanwhile; that attempt's own writes are fenced off by its number from then on.
 */
export function requeueAttempt(
  db: Database,
  queue: Queue,
  row: { workspaceId: string; id: string; attempts: number; jobId: string | null },
): Promise<boolean> {
  return withTenant(db, row.workspaceId, async (tx) => {
    const [updated] = await tx
      .update(transformations)
      .set({ status: "queued", progress: 0, error: "The worker stopped; trying again" })
      .where(
        and(
          eq(transformations.workspaceId, row.workspaceId),
          eq(transformations.id, row.id),
          eq(transformations.status, "running"),
          eq(transformations.attempts, row.attempts),
        ),
      )
      .returning();
    if (!updated) return false;
    if (row.jobId) await queue.cancel(tx, row.jobId);
    await queue.enqueue(tx, { workspaceId: row.workspaceId, transformationId: row.id });
    await recordEvent(tx, updated);
    return true;
  });
}

/** Sweeps every supervise interval until stopped. */
export function startSweeper(
  db: Database,
  queue: Queue,
  settings: JobSettings,
  logger: WorkerLogger,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepAbandoned(db, queue, settings)
      .then((count) => {
        if (count > 0) logger.info({ count }, "requeued transformations whose worker stopped");
      })
      .catch((error: unknown) => logger.error({ err: error }, "sweeping abandoned jobs failed"))
      .finally(() => {
        running = false;
      });
  }, settings.superviseIntervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
