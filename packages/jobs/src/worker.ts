import {
  and,
  documents,
  eq,
  inArray,
  sql,
  transformationDocument,
  transformations,
  withTenant,
  type Database,
  type TransformationStatus,
} from "@transmute/db";
import {
  parsePipeline,
  runPipeline,
  TransformError,
  type PipelineResult,
} from "@transmute/transform";
import { z } from "zod";
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
import { createTransformPool, type TransformPool } from "./threads/pool";
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
  /** Where CPU-bound work runs; by default a pool of `settings.threads` the worker makes and ends. */
  pool?: TransformPool;
}

class Canceled extends Error {}
class HandedBack extends Error {}

/** Stops the worker; jobs still running after `graceSeconds` are handed back to the queue. */
export type StopWorker = (graceSeconds: number) => Promise<void>;

/** What an event needs of a transformation row, and what a webhook's payload adds. */
const eventColumns = {
  workspaceId: transformations.workspaceId,
  id: transformations.id,
  documentId: transformations.documentId,
  status: transformations.status,
  progress: transformations.progress,
};
const webhookColumns = {
  kind: transformations.kind,
  outputFormat: transformations.outputFormat,
  error: transformations.error,
  attempts: transformations.attempts,
  createdAt: transformations.createdAt,
  startedAt: transformations.startedAt,
  finishedAt: transformations.finishedAt,
};

/**
 * Kinds that wait on the network rather than compute: a pipeline with one runs on the main
 * thread, where waiting costs nothing, instead of holding a pool thread that CPU-bound jobs need.
 */
const NETWORK_KINDS = new Set(["llm-rewrite"]);

/**
 * Jobs one worker loop takes per fetch; they run side by side. Cheap jobs are mostly waiting on
 * their two transactions, so more of them at once means more jobs per second; CPU-bound ones
 * queue for a pool thread, and the time they wait counts against their timeout, so not many more.
 */
const BATCH = 8;

/**
 * Starts taking transformation jobs and webhook deliveries, and taking back transformations whose
 * worker died; returns what stops the latter (the former stop with `queue.stop()`) and, once the
 * jobs it has taken are done, ends the transformation threads. Each of `concurrency` loops
 * fetches up to BATCH jobs at a time and fetches again at once while batches come back full; a
 * new job wakes an idle loop at once (NOTIFY on commit), and a one-second poll picks up retries
 * as their delay runs out.
 */
export async function startWorker(options: WorkerOptions): Promise<StopWorker> {
  const pool = options.pool ?? createTransformPool(options.settings.threads);
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
      pollingIntervalSeconds: 1,
      notifyPollingIntervalSeconds: 1,
    },
    (jobs: JobWithMetadata<TransformJob>[]) =>
      Promise.all(
        jobs.map(async (job): Promise<JobResult> => {
          try {
            await track(runJob(runOptions, job, pool));
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
    // A handed-back job's thread is ended with the pool, not waited for.
    if (!options.pool) await pool.close();
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
  pool: TransformPool,
) {
  const { workspaceId, transformationId } = job.data;
  const tenant = <T>(work: (tx: Database) => Promise<T>) => withTenant(db, workspaceId, work);

  // The document comes back with the update: one statement fewer for every job.
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
      .from(documents)
      .where(
        and(
          eq(transformations.workspaceId, workspaceId),
          eq(transformations.id, transformationId),
          inArray(transformations.status, ["queued", "running"]),
          transformationDocument,
        ),
      )
      .returning({
        ...eventColumns,
        kind: transformations.kind,
        params: transformations.params,
        attempts: transformations.attempts,
        content: documents.content,
        format: documents.format,
      });
    if (row) await recordEvent(tx, row);
    return row;
  });
  // Canceled before it started, or deleted (with its document or its whole workspace).
  if (!started) return;
  const { content, format, ...row } = started;
  const document = { content, format };

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
      // Not the output, which may be a megabyte: the event and the webhook do without it.
      const [updated] = await tx
        .update(transformations)
        .set(changes)
        .where(current)
        .returning({ ...eventColumns, ...webhookColumns });
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
    const steps = stepsOf(row);
    // Checked here too, as runPipeline does, so that a job that can never run fails at once
    // rather than after waiting for a thread.
    const checked = parsePipeline(steps, { inputFormat: document.format, settings });
    if (!checked.success) throw new TransformError(z.prettifyError(checked.error), false);
    const work: Promise<PipelineResult> = steps.some((step) => NETWORK_KINDS.has(step.kind))
      ? runPipeline(steps, document, { signal: controller.signal, progress, llm: settings.llm })
      : pool.run(steps, document, { signal: controller.signal, progress });
    const result = await abortable(work, controller.signal);
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
