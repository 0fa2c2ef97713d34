import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchServer, repositoryRoot, serverDir } from "../fault/kit";

describe("the production build", () => {
  // Inside the package, so the bundle finds the dependencies it leaves external (PGlite, piscina)
  // as the deployed one does in its own node_modules; it is started from elsewhere all the same.
  const scratch = mkdtempSync(join(serverDir, ".build-test-"));
  const outDir = join(scratch, "dist");

  beforeAll(() => {
    const built = spawnSync("pnpm", ["exec", "tsup", "--out-dir", outDir], {
      cwd: serverDir,
      encoding: "utf8",
    });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  }, 180_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("finds its migrations wherever it is started, without MIGRATIONS_DIR", async () => {
    // From the repository root, as `node apps/server/dist/main.js` would be.
    const server = await launchServer(
      join(outDir, "main.js"),
      { PGLITE_DIR: join(scratch, "pglite"), MIGRATIONS_DIR: "" },
      repositoryRoot,
    );
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  }, 60_000);
});
