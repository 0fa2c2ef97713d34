import type { DatabaseHandle } from "@transmute/db";
import { createQueue, EventHub, startWorker, type JobSettings, type Queue } from "@transmute/jobs";
import type { Logger } from "./logger";

export interface Jobs {
  queue: Queue;
  events: EventHub;
  settings: JobSettings;
  /** Lets running jobs finish (up to their timeout), then stops listening. */
  stop(): Promise<void>;
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
  const stopSweeping = worker
    ? await startWorker({ db: database.db, queue, events, settings, logger })
    : undefined;
  return {
    queue,
    events,
    settings,
    async stop() {
      stopSweeping?.();
      await queue.stop();
      await events.close();
    },
  };
}
