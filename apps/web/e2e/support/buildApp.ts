// Vitest global setup for the browser tests: one production build of the app, served to every
// test file by `vite preview` — the real bundle, chunks and all, not the dev server's modules.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    webBuildDir: string;
  }
}

export const webRoot = fileURLToPath(new URL("../..", import.meta.url));

export default async function setup(project: TestProject) {
  const outDir = mkdtempSync(path.join(tmpdir(), "transmute-web-e2e-"));
  await build({
    root: webRoot,
    configFile: path.join(webRoot, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  project.provide("webBuildDir", outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
