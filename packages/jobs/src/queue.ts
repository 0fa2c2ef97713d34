import {
  and,
  APP_ROLE,
  eq,
  transformations,
  type Database,
  type DatabaseHandle,
} from "@transmute/db";
import { sql } from "drizzle-orm";
import { PgBoss, fromDrizzle, fromPglite, type DrizzleTransactionLike } from "pg-boss";
import type { JobSettings } from "./settings";

export const TRANSFORM_QUEUE = "transformations";
export const WEBHOOK_QUEUE = "webhook-deliveries";

export interface TransformJob {
  workspaceId: string;
  transformationId: string;
}

export interface DeliveryJob {
  workspaceId: string;
  deliveryId: string;
}

export interface Queue {
  boss: PgBoss;
  /**
   * Adds the job inside the caller's tenant transaction, so the transformation row and its job
   * commit or roll back together, and records the job id on the row (cancel withdraws it by that
   * id). Returns the job id.
   */
  enqueue(tx: Database, job: TransformJob): Promise<string>;
  /** Withdraws a job that has not started, in the caller's transaction; a running one is stopped by its worker. */
  cancel(tx: Database, jobId: string): Promise<void>;
  /** Queues webhook deliveries inside the caller's transaction, with the change they announce. */
  enqueueDeliveries(tx: Database, jobs: DeliveryJob[]): Promise<void>;
  stop(): Promise<void>;
}

/** How pg-boss reaches the database: the handle's own connection (PGlite) or a small pool. */
function bossConnection(handle: DatabaseHandle) {
  return handle.engine === "pglite"
    ? { db: fromPglite(handle.pglite!), backend: "pglite" as const }
    : { connectionString: handle.url!, max: 4, application_name: "transmute-jobs" };
}

/**
 * Installs (or upgrades) pg-boss's schema and our queues as the owner, and lets the application
 * role work in it, so the runtime never needs to create anything. Run where migrations run.
 */
export async function prepareQueue(owner: DatabaseHandle, settings: JobSettings): Promise<void> {
  const boss = new PgBoss({ ...bossConnection(owner), supervise: false, schedule: false });
  await boss.start();
  await boss.createQueue(TRANSFORM_QUEUE, {
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    // A live worker aborts at the job's timeout and settles within moments; only a worker that
    // died is later than this, and then the job is taken up again.
    expireInSeconds: settings.timeoutSeconds + 5,
    notify: true,
  });
  // A queue made before it opted in keeps its first options; this one is safe to change.
  await boss.updateQueue(TRANSFORM_QUEUE, { notify: true });
  await boss.createQueue(WEBHOOK_QUEUE, { notify: true });
  // pg-boss's tables are infrastructure, not tenant data: the application role may use them all.
  await owner.db.execute(
    sql.raw(`do $$ begin
      grant usage on schema pgboss to ${APP_ROLE};
      grant select, insert, update, delete on all tables in schema pgboss to ${APP_ROLE};
      grant usage, select on all sequences in schema pgboss to ${APP_ROLE};
      grant execute on all functions in schema pgboss to ${APP_ROLE};
    end $$`),
  );
  await boss.stop({ graceful: false, close: owner.engine !== "pglite" });
}

/** The queue as the application uses it; `prepareQueue` has installed it. */
export async function createQueue(
  handle: DatabaseHandle,
  settings: JobSettings,
  onError: (error: Error) => void,
): Promise<Queue> {
  // A queue is looked at no more often than the larger of the two intervals.
  const supervision = {
    superviseIntervalSeconds: settings.superviseIntervalSeconds,
    monitorIntervalSeconds: settings.superviseIntervalSeconds,
  };
  // LISTEN/NOTIFY wakes a worker the moment a transformation or a delivery commits, rather than at
  // its next poll.
  const boss = new PgBoss({
    ...bossConnection(handle),
    useListenNotify: true,
    migrate: false,
    ...supervision,
  });
  boss.on("error", onError);
  await boss.start();
  // Set on each job rather than on the queue, whose options stay as first created: a changed
  // setting applies to the next delivery.
  const { webhooks } = settings;
  const deliveryOptions = {
    retryLimit: webhooks.maxAttempts - 1,
    retryDelay: webhooks.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 60 * 60,
    expireInSeconds: webhooks.timeoutSeconds + 30,
  };
  // pg-boss caches queue metadata at start, before these queues existed, and would look it up on
  // the first send through its own connection: inside an open transaction on PGlite (one
  // connection) that waits forever. A no-op command on each queue fills the cache now.
  for (const queue of [TRANSFORM_QUEUE, WEBHOOK_QUEUE]) {
    await boss.resume(queue, "00000000-0000-4000-8000-000000000000");
  }

  /**
   * Runs a pg-boss command inside the caller's tenant transaction, so the job commits or rolls
   * back with the change that made it.
   */
  async function inTransaction<T>(
    tx: Database,
    command: (db: ReturnType<typeof fromDrizzle>) => Promise<T>,
  ) {
    // Our Database type leaves `execute`'s result to the driver; the adapter handles both shapes.
    return command(fromDrizzle(tx as unknown as DrizzleTransactionLike, sql));
  }

  return {
    boss,
    async enqueue(tx, job) {
      const id = await inTransaction(tx, (db) => boss.send(TRANSFORM_QUEUE, job, { db }));
      if (!id) throw new Error("the queue refused the job");
      await tx
        .update(transformations)
        .set({ jobId: id })
        .where(
          and(
            eq(transformations.workspaceId, job.workspaceId),
            eq(transformations.id, job.transformationId),
          ),
        );
      return id;
    },
    async cancel(tx, jobId) {
      await inTransaction(tx, (db) => boss.cancel(TRANSFORM_QUEUE, jobId, { db }));
    },
    async enqueueDeliveries(tx, jobs) {
      if (jobs.length === 0) return;
      await inTransaction(tx, (db) =>
        boss.insert(
          WEBHOOK_QUEUE,
          jobs.map((data) => ({ data, ...deliveryOptions })),
          { db },
        ),
      );
    },
    stop: () => boss.stop({ graceful: true, timeout: settings.timeoutSeconds * 1000, close: true }),
  };
}
