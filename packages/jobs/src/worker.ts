import {
  and,
  documents,
  eq,
  inArray,
  sql,
  transformations,
  withTenant,
  type Database,
  type TransformationStatus,
} from "@transmute/db";
import { runPipeline, TransformError } from "@transmute/transform";
import type { JobResult, JobWithMetadata } from "pg-boss";
import { recordEvent, type EventHub } from "./events";
import {
  TRANSFORM_QUEUE,
  WEBHOOK_QUEUE,
  type DeliveryJob,
  type Queue,
  type TransformJob,
} from "./queue";
import type { JobSettings } from "./settings";
import { stepsOf } from "./steps";
import { requeueAttempt, startSweeper } from "./sweeper";
import { attemptDelivery } from "./webhooks/deliver";
import { emitWebhookEvent } from "./webhooks/emit";
import { transformationEvent } from "./webhooks/payloads";

/** Progress is written at most this often per job: each write is a transaction and an event. */
const PROGRESS_INTERVAL_MS = 250;

export interface WorkerLogger {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface WorkerOptions {
  db: Database;
  queue: Queue;
  events: EventHub;
  settings: JobSettings;
  logger: WorkerLogger;
  /** Aborted when the worker stops: its running jobs go back to the queue for another worker. */
  shutdown?: AbortSignal;
}

class Canceled extends Error {}
class HandedBack extends Error {}

/** Stops the worker; jobs still running after `graceSeconds` are handed back to the queue. */
export type StopWorker = (graceSeconds: number) => Promise<void>;

/** Jobs one worker loop takes per fetch; they run side by side. */
const BATCH = 4;

/**
 * Starts taking transformation jobs and webhook deliveries, and taking back transformations whose
 * worker died; returns what stops the latter (the former stop with `queue.stop()`). Each of
 * `concurrency` loops fetches up to BATCH jobs at a time and fetches again at once while batches
 * come back full: with one job per fetch, pg-boss would pause a polling interval after every job.
 */
export async function startWorker(options: WorkerOptions): Promise<StopWorker> {
  const stopSweeping = startSweeper(options.db, options.queue, options.settings, options.logger);
  const shutdown = new AbortController();
  const running = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    void work.catch(() => undefined).finally(() => running.delete(work));
    return work;
  };
  const runOptions = { ...options, shutdown: shutdown.signal };
  await options.queue.boss.work(
    TRANSFORM_QUEUE,
    {
      localConcurrency: options.settings.concurrency,
      batchSize: BATCH,
      burstWhenBatchFull: true,
      perJobResults: true,
      includeMetadata: true,
      pollingIntervalSeconds: 0.5,
    },
    (jobs: JobWithMetadata<TransformJob>[]) =>
      Promise.all(
        jobs.map(async (job): Promise<JobResult> => {
          try {
            await track(runJob(runOptions, job));
            return { id: job.id, status: "completed" };
          } catch (error) {
            // Thrown only for a transient failure with attempts left: pg-boss retries it.
            return { id: job.id, status: "failed", output: { message: String(error) } };
          }
        }),
      ),
  );
  // A new delivery wakes a loop at once (NOTIFY); the one-second poll picks up retries as their
  // delay runs out. A loop fetches again when its whole batch is done, so one slow receiver can
  // hold up the others of its batch, for at most the delivery timeout.
  await options.queue.boss.work(
    WEBHOOK_QUEUE,
    {
      localConcurrency: options.settings.concurrency,
      batchSize: BATCH,
      burstWhenBatchFull: true,
      perJobResults: true,
      includeMetadata: true,
      pollingIntervalSeconds: 1,
      notifyPollingIntervalSeconds: 1,
    },
    (jobs: JobWithMetadata<DeliveryJob>[]) =>
      Promise.all(
        jobs.map(async (job): Promise<JobResult> => {
          try {
            await attemptDelivery(options.db, options.settings.webhooks, job);
            return { id: job.id, status: "completed" };
          } catch (error) {
            return { id: job.id, status: "failed", output: { message: String(error) } };
          }
        }),
      ),
  );
  return async (graceSeconds) => {
    stopSweeping();
    // Take no more jobs, give running ones the grace period, then hand the rest back.
    await Promise.all(
      [TRANSFORM_QUEUE, WEBHOOK_QUEUE].map((name) =>
        options.queue.boss.offWork(name, { wait: false }),
      ),
    );
    const settled = () => Promise.allSettled([...running]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      settled(),
      new Promise((resolve) => (timer = setTimeout(resolve, graceSeconds * 1000))),
    ]);
    clearTimeout(timer);
    shutdown.abort(new HandedBack());
    await settled();
  };
}

/**
 * One attempt. Every write is conditional on the row still being `running` at this attempt, so
 * a canceled job, or a worker that outlived its expiry while another took the job over, cannot
 * overwrite the outcome: a job finishes exactly once.
 */
export async function runJob(
  { db, queue, events, settings, logger, shutdown }: WorkerOptions,
  job: JobWithMetadata<TransformJob>,
) {
  const { workspaceId, transformationId } = job.data;
  const tenant = <T>(work: (tx: Database) => Promise<T>) => withTenant(db, workspaceId, work);

  const started = await tenant(async (tx) => {
    const [row] = await tx
      .update(transformations)
      .set({
        status: "running",
        attempts: sql`${transformations.attempts} + 1`,
        startedAt: new Date(),
        progress: 0,
        error: null,
        jobId: job.id,
      })
      .where(
        and(
          eq(transformations.workspaceId, workspaceId),
          eq(transformations.id, transformationId),
          inArray(transformations.status, ["queued", "running"]),
        ),
      )
      .returning();
    if (!row) return null;
    await recordEvent(tx, row);
    const [document] = await tx
      .select({ content: documents.content, format: documents.format })
      .from(documents)
      .where(and(eq(documents.workspaceId, workspaceId), eq(documents.id, row.documentId)));
    return { row, document };
  });
  // Canceled before it started, or deleted (with its document or its whole workspace).
  if (!started?.document) return;
  const { row, document } = started;

  const current = and(
    eq(transformations.workspaceId, workspaceId),
    eq(transformations.id, transformationId),
    eq(transformations.status, "running"),
    eq(transformations.attempts, row.attempts),
  );
  const settle = (
    changes: Partial<typeof transformations.$inferInsert> & { status: TransformationStatus },
  ) =>
    tenant(async (tx) => {
      const [updated] = await tx.update(transformations).set(changes).where(current).returning();
      if (!updated) return false;
      await recordEvent(tx, updated);
      if (updated.status === "succeeded" || updated.status === "failed") {
        const type = `transformation.${updated.status}` as const;
        await emitWebhookEvent(tx, queue, workspaceId, transformationEvent(type, updated));
      }
      return true;
    });

  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new TransformError(`Timed out after ${settings.timeoutSeconds} seconds`, true),
      ),
    settings.timeoutSeconds * 1000,
  );
  const unsubscribe = events.subscribe(workspaceId, (event) => {
    if (event.transformationId === transformationId && event.status === "canceled") {
      controller.abort(new Canceled());
    }
  });
  const handBack = () => controller.abort(new HandedBack());
  if (shutdown?.aborted) handBack();
  shutdown?.addEventListener("abort", handBack, { once: true });

  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const progress = (percent: number) => {
    const now = Date.now();
    if (now - lastWrite < PROGRESS_INTERVAL_MS || percent >= 100) return;
    lastWrite = now;
    const value = Math.max(0, Math.min(99, Math.round(percent)));
    writing = writing
      .then(() => settle({ status: "running", progress: value }))
      .catch(() => undefined);
  };

  try {
    const result = await abortable(
      runPipeline(stepsOf(row), document, {
        signal: controller.signal,
        progress,
        llm: settings.llm,
      }),
      controller.signal,
    );
    await writing;
    await settle({
      status: "succeeded",
      progress: 100,
      output: result.output.content,
      outputFormat: result.output.format,
      outputMeta: { ...result.output.meta, steps: result.steps },
      finishedAt: new Date(),
    });
  } catch (error) {
    await writing;
    if (error instanceof Canceled) return;
    if (error instanceof HandedBack) {
      // Another worker takes it from the start, as the next attempt.
      await requeueAttempt(db, queue, {
        workspaceId,
        id: transformationId,
        attempts: row.attempts,
        jobId: job.id,
      });
      return;
    }
    const transient = error instanceof TransformError ? error.retryable : true;
    const message =
      error instanceof TransformError ? error.message : "The transformation failed unexpectedly";
    if (!(error instanceof TransformError))
      logger.error({ err: error, transformationId }, "transformation crashed");
    if (transient && job.retryCount < job.retryLimit) {
      const requeued = await settle({
        status: "queued",
        error: `${message}; retrying (attempt ${row.attempts} of ${job.retryLimit + 1})`,
      });
      // No row to retry: it was canceled, taken over, or deleted with its workspace.
      if (requeued) throw error;
      return;
    }
    await settle({ status: "failed", error: message, finishedAt: new Date() });
  } finally {
    clearTimeout(timer);
    unsubscribe();
    shutdown?.removeEventListener("abort", handBack);
  }
}

/** Rejects as soon as the signal fires, even if the work ignores it. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    // Settled by either; the work's own rejection is handled even when the signal came first.
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
