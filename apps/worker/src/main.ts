// The transformation worker on its own, for scaling job throughput apart from the API: the same
// configuration as the server (DATABASE_URL, WORKER_CONCURRENCY, TRANSFORM_THREADS, JOB_*, LLM_*),
// no HTTP.
import {
  connectDatabase,
  createLogger,
  jobSettingsFrom,
  parseEnv,
  startJobs,
} from "@transmute/server";

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const { env } = parsed;
if (!env.DATABASE_URL) {
  // The embedded database belongs to one process; a second one cannot share it.
  console.error(
    "The standalone worker needs DATABASE_URL (PostgreSQL); with PGlite the server runs the worker itself.",
  );
  process.exit(1);
}
const logger = createLogger(env);
const database = await connectDatabase(env, logger);
const jobs = await startJobs(database, jobSettingsFrom(env), logger, true);
logger.info({ concurrency: env.WORKER_CONCURRENCY }, "transmute worker started");

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "worker stopping; running jobs finish first");
    jobs
      .stop(env.JOB_SHUTDOWN_GRACE_SECONDS)
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "worker shutdown failed");
          process.exit(1);
        },
      );
  });
}
