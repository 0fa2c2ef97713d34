import type { DatabaseHandle } from "@transmute/db";
import {
  createQueue,
  EventHub,
  startWorker,
  type JobSettings,
  type Queue,
  type StopWorker,
} from "@transmute/jobs";
import type { Logger } from "./logger";

export interface Jobs {
  queue: Queue;
  events: EventHub;
  settings: JobSettings;
  /**
   * Takes no more jobs, lets running ones finish for `graceSeconds`, hands the rest back to the
   * queue for another worker, then stops listening.
   */
  stop(graceSeconds: number): Promise<void>;
}

/** The queue, the event listener and, unless `worker` is false, a worker in this process. */
export async function startJobs(
  database: DatabaseHandle,
  settings: JobSettings,
  logger: Logger,
  worker: boolean,
): Promise<Jobs> {
  const queue = await createQueue(database, settings, (error) =>
    logger.error({ err: error }, "job queue error"),
  );
  const events = await EventHub.connect(database);
  const stopWorker: StopWorker | undefined = worker
    ? await startWorker({ db: database.db, queue, events, settings, logger })
    : undefined;
  return {
    queue,
    events,
    settings,
    async stop(graceSeconds) {
      await stopWorker?.(graceSeconds);
      await queue.stop();
      await events.close();
    },
  };
}
