// `pnpm --filter @transmute/web size`: builds the app and prints the gzip size of the initial JS
// (what the sign-in page loads) and of each page's chunk. Fails when the initial JS outgrows
// SIZE_BUDGET_KIB (default 120), so the first page stays quick on a slow connection.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { bundleReport, formatReport } from "./bundleReport";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = mkdtempSync(path.join(tmpdir(), "transmute-web-size-"));
const budgetKiB = Number(process.env.SIZE_BUDGET_KIB ?? 120);

try {
  await build({
    root,
    configFile: path.join(root, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  const report = bundleReport(outDir);
  console.log(formatReport(report));
  if (report.initialGzip > budgetKiB * 1024) {
    console.error(`\nThe initial JS is over its budget of ${budgetKiB} KiB (SIZE_BUDGET_KIB).`);
    process.exitCode = 1;
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
