import type { AddressInfo } from "node:net";
import type { DatabaseHandle } from "@transmute/db";
import { createApp } from "./app";
import { connectDatabase } from "./database";
import { jobSettingsFrom, type Env } from "./env";
import { startJobs, type Jobs } from "./jobs";
import { InFlight } from "./in-flight";
import type { Logger } from "./logger";
import { createMetrics } from "./metrics";
import { startMetricsServer } from "./metrics-endpoint";

export interface RunningServer {
  url: string;
  database: DatabaseHandle;
  jobs: Jobs;
  /** The metrics listener's address, when METRICS_PORT is set. */
  metricsUrl?: string;
  /** Stops accepting, lets in-flight requests finish (up to SHUTDOWN_TIMEOUT), then closes the pool. */
  close(): Promise<void>;
}

/** Starts the HTTP server; `database` may be given by tests that already made one. */
export async function startServer(
  env: Env,
  logger: Logger,
  database?: DatabaseHandle,
): Promise<RunningServer> {
  const db = database ?? (await connectDatabase(env));
  const jobs = await startJobs(db, jobSettingsFrom(env), logger, env.WORKER_ENABLED);
  const inFlight = new InFlight();
  const metrics = createMetrics(db, env.METRICS_SAMPLE_SECONDS);
  const app = createApp({ env, database: db, logger, inFlight, jobs, metrics });
  const metricsServer =
    env.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer(metrics.registry, env.METRICS_PORT, env.METRICS_HOST);
  const server = app.listen(env.PORT, env.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections turn idle as their last request finishes; drop them as they do.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), env.SHUTDOWN_TIMEOUT * 1000);
      await stopped;
      clearInterval(sweep);
      clearTimeout(deadline);
      await inFlight.drained();
      await jobs.stop();
      await metricsServer?.close();
      if (!database) await db.close();
    })());

  return {
    url: `http://${host}:${port}`,
    database: db,
    jobs,
    metricsUrl: metricsServer?.url,
    close,
  };
}
