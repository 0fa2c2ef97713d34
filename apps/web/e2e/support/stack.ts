import path from "node:path";
import type { Engine } from "@transmute/db";
import type { TestDatabase } from "@transmute/db/testing";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import {
  createLogger,
  jobSettingsFrom,
  parseEnv,
  startServer,
  type RunningServer,
} from "@transmute/server";
import { preview, type PreviewServer } from "vite";
import { inject } from "vitest";
import { webRoot } from "./buildApp";

export interface Stack {
  database: TestDatabase;
  api: RunningServer;
  /** The web app's address, e.g. http://127.0.0.1:41234 */
  appUrl: string;
  close(): Promise<void>;
}

/**
 * What a browser test runs against: a fresh database on `engine`, the API server (with its job
 * worker) on it, and the production build served by Vite's preview server, which sends /trpc on
 * to the API as nginx does in production.
 */
export async function startStack(engine: Engine): Promise<Stack> {
  const parsed = parseEnv({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", NODE_ENV: "test" });
  if (!parsed.ok) throw new Error(parsed.message);
  const database = await createJobsTestDatabase(engine, jobSettingsFrom(parsed.env));
  const api = await startServer(parsed.env, createLogger(parsed.env), database);
  const web: PreviewServer = await preview({
    root: webRoot,
    configFile: path.join(webRoot, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir: inject("webBuildDir") },
    preview: { host: "127.0.0.1", port: 0, strictPort: false, proxy: { "/trpc": api.url } },
  });
  const appUrl = web.resolvedUrls?.local[0]?.replace(/\/$/, "");
  if (!appUrl) throw new Error("Vite preview did not report its address");
  return {
    database,
    api,
    appUrl,
    close: async () => {
      await web.close();
      await api.close();
      await database.destroy();
    },
  };
}
