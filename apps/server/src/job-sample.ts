import { queryRows, sql, type DatabaseHandle } from "@transmute/db";
import { TRANSFORM_QUEUE, WEBHOOK_QUEUE } from "@transmute/jobs";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

const QUEUES = [TRANSFORM_QUEUE, WEBHOOK_QUEUE];
/** pg-boss's states before a job is done: waiting, waiting to retry, taken by a worker. */
const LIVE_STATES = ["created", "retry", "active"];
/** At most this many finished jobs are read per sample; the rest wait for the next. */
const FINISHED_PER_SAMPLE = 5000;

interface Finished {
  name: string;
  state: "completed" | "failed";
  seconds: number | null;
  attempts: number;
  completed_on: string;
}

/**
 * Queue depth and finished jobs, read from pg-boss's table, where every worker's jobs end up
 * whichever process or thread ran them. A scrape samples at most every `sampleSeconds`; finished
 * jobs are read from where the previous sample stopped, so each is observed once per server.
 */
export function sampleJobs(database: DatabaseHandle, registry: Registry, sampleSeconds: number) {
  let since = new Date().toISOString();
  let sampledAt = 0;
  let pending: Promise<void> | undefined;

  const refresh = async () => {
    if (Date.now() - sampledAt < sampleSeconds * 1000) return;
    pending ??= sample().finally(() => (pending = undefined));
    await pending;
  };
  const registers = [registry];

  const depth = new Gauge({
    name: "transmute_queue_jobs",
    help: "Jobs not yet finished, by queue and pg-boss state (created, retry, active)",
    labelNames: ["queue", "state"],
    registers,
    collect: refresh,
  });
  const duration = new Histogram({
    name: "transmute_job_duration_seconds",
    help: "Time from a job's last start to its end, by queue and final state",
    labelNames: ["queue", "state"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers,
    collect: refresh,
  });
  const attempts = new Histogram({
    name: "transmute_job_attempts",
    help: "Attempts a finished job took, by queue and final state",
    labelNames: ["queue", "state"],
    buckets: [1, 2, 3, 5, 10],
    registers,
    collect: refresh,
  });
  const deliveries = new Histogram({
    name: "transmute_webhook_delivery_duration_seconds",
    help: "Webhook deliveries by outcome (delivered, failed after every attempt): last attempt's job time",
    labelNames: ["outcome"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
    collect: refresh,
  });
  const failures = new Counter({
    name: "transmute_job_sample_failures_total",
    help: "Samples of the job queue that failed (the database unreachable, say)",
    registers,
  });

  async function sample() {
    sampledAt = Date.now();
    try {
      const counts = await queryRows<{ name: string; state: string; n: number }>(
        database.db,
        sql`select name, state::text as state, count(*)::int as n from pgboss.job
            where state < 'completed' group by name, state`,
      );
      for (const queue of QUEUES) for (const state of LIVE_STATES) depth.set({ queue, state }, 0);
      for (const { name, state, n } of counts) depth.set({ queue: name, state }, n);

      const finished = await queryRows<Finished>(
        database.db,
        sql`select name, state::text as state, retry_count + 1 as attempts,
              extract(epoch from completed_on - started_on)::float8 as seconds,
              completed_on::text as completed_on
            from pgboss.job
            where state in ('completed', 'failed') and completed_on > ${since}::timestamptz
            order by completed_on limit ${FINISHED_PER_SAMPLE}`,
      );
      for (const job of finished) {
        const labels = { queue: job.name, state: job.state };
        attempts.observe(labels, job.attempts);
        if (job.seconds === null) continue;
        duration.observe(labels, job.seconds);
        if (job.name === WEBHOOK_QUEUE)
          deliveries.observe(
            { outcome: job.state === "completed" ? "delivered" : "failed" },
            job.seconds,
          );
      }
      since = finished.at(-1)?.completed_on ?? since;
    } catch {
      failures.inc();
    }
  }
}
