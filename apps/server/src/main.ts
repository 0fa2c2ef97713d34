import { parseEnv } from "./env";
import { createLogger } from "./logger";
import { startServer } from "./server";

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const logger = createLogger(parsed.env);
const server = await startServer(parsed.env, logger);
logger.info({ url: server.url, database: server.database.engine }, "transmute server listening");

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
