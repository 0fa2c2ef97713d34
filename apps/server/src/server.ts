import type { AddressInfo } from "node:net";
import type { DatabaseHandle } from "@transmute/db";
import { createApp } from "./app";
import { Connections } from "./connections";
import { connectDatabase } from "./database";
import { jobSettingsFrom, type Env } from "./env";
import { InFlight } from "./in-flight";
import { startJobs, type Jobs } from "./jobs";
import type { Logger } from "./logger";
import { Readiness } from "./readiness";
import { createMetrics } from "./metrics";
import { startMetricsServer } from "./metrics-endpoint";

export interface RunningServer {
  url: string;
  database: DatabaseHandle;
  jobs: Jobs;
  readiness: Readiness;
  /**
   * Shuts down without dropping anyone: not ready at once and open streams told to reconnect
   * elsewhere; after SHUTDOWN_DELAY_SECONDS no new connections and `Connection: close` on every
   * answer; in-flight requests finished (up to SHUTDOWN_TIMEOUT), running jobs finished or handed
   * back (JOB_SHUTDOWN_GRACE_SECONDS), then the pool closed.
   */
  /** The metrics listener's address, when METRICS_PORT is set. */
  metricsUrl?: string;
  close(): Promise<void>;
}

/** Starts the HTTP server; `database` may be given by tests that already made one. */
export async function startServer(
  env: Env,
  logger: Logger,
  database?: DatabaseHandle,
): Promise<RunningServer> {
  const db = database ?? (await connectDatabase(env, logger));
  const jobs = await startJobs(db, jobSettingsFrom(env), logger, env.WORKER_ENABLED);
  const readiness = new Readiness(db, jobs.events, logger);
  await readiness.start();
  const inFlight = new InFlight();
  const metrics = createMetrics(db, env.METRICS_SAMPLE_SECONDS);
  const app = createApp({ env, database: db, logger, inFlight, jobs, readiness, metrics });
  const metricsServer =
    env.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer(metrics.registry, env.METRICS_PORT, env.METRICS_HOST);
  const server = app.listen(env.PORT, env.HOST);
  const connections = new Connections(server);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      readiness.shutDown();
      jobs.events.shutdown();
      const jobsStopped = jobs.stop(env.JOB_SHUTDOWN_GRACE_SECONDS);
      const deadline = setTimeout(() => connections.closeAll(), env.SHUTDOWN_TIMEOUT * 1000);
      // Still serving while load balancers see /readyz fail and stop sending new connections.
      await new Promise((resolve) => setTimeout(resolve, env.SHUTDOWN_DELAY_SECONDS * 1000));
      await connections.drain();
      clearTimeout(deadline);
      await inFlight.drained();
      await jobsStopped;
      await metricsServer?.close();
      if (!database) await db.close();
    })());

  return {
    url: `http://${host}:${port}`,
    database: db,
    jobs,
    readiness,
    metricsUrl: metricsServer?.url,
    close,
  };
}
