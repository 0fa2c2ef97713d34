import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describeEachEngine } from "@transmute/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const fixtures = fileURLToPath(new URL("consumer/", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

// Another repository: a folder outside the workspace that installs the packed tarball with npm,
// so nothing resolves through the workspace's links.
let consumer: string;

beforeAll(async () => {
  consumer = await mkdtemp(join(tmpdir(), "transmute-client-consumer-"));
  // `pnpm pack` builds first (prepack) and turns catalog: versions into real ones.
  await run("pnpm", ["pack", "--pack-destination", consumer], {
    cwd: packageDir,
    timeout: 120_000,
  });
  const tarball = (await readdir(consumer)).find((name) => name.endsWith(".tgz"))!;
  await writeFile(
    join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  for (const file of ["consumer.mjs", "consumer.ts", "tsconfig.json"]) {
    await copyFile(join(fixtures, file), join(consumer, file));
  }
  // The registry must be reachable (through the machine's proxy and CA settings, which turbo
  // passes to this task); killed rather than left behind should it hang.
  await run("npm", ["install", "--no-audit", "--no-fund", `./${tarball}`], {
    cwd: consumer,
    timeout: 150_000,
  });
}, 180_000);

afterAll(() => rm(consumer, { recursive: true, force: true }));

it("publishes ESM with declarations that carry the API's types and need no server packages", async () => {
  const manifest = JSON.parse(
    await readFile(join(consumer, "node_modules/@transmute/client/package.json"), "utf8"),
  ) as { exports: unknown; dependencies: Record<string, string> };
  expect(manifest.exports).toEqual({
    ".": { types: "./dist/index.d.ts", import: "./dist/index.js" },
  });
  expect(Object.values(manifest.dependencies).join(" ")).not.toMatch(/workspace:|catalog:/);

  // Strict, and checking library files too: a declaration that imports a module the consumer
  // does not have (the server's database or queue) fails here. @trpc/server's own declarations
  // want @types/node and ws, which are the consumer's business, so only ours are looked at.
  const result = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: consumer }).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );
  const ours = result
    .split("\n")
    .filter((line) => line.startsWith("consumer.ts") || line.includes("@transmute/client"));
  expect(ours).toEqual([]);
}, 60_000);

describeEachEngine("the packed client, from another repository", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server?.close());

  it("registers, creates a document and waits for a transformation against a real server", async () => {
    const { stdout } = await run(process.execPath, ["consumer.mjs"], {
      cwd: consumer,
      env: {
        ...process.env,
        TRANSMUTE_URL: server.url,
        CONSUMER_EMAIL: `consumer-${engine}@example.test`,
      },
    });
    const result = JSON.parse(stdout) as { status: string; output: string; updates: string[] };
    expect(result.status).toBe("succeeded");
    expect(result.output).toContain("<h1>Packed</h1>");
    expect(result.updates.at(-1)).toBe("succeeded");
  });
});
