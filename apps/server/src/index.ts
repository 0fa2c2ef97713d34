export { createApp } from "./app";
export { parseEnv, type Env } from "./env";
export { createLogger } from "./logger";
export { connectDatabase, setUpDatabase } from "./database";
export { startServer, type RunningServer } from "./server";
export { startJobs, type Jobs } from "./jobs";
export { jobSettingsFrom } from "./env";
