import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AppRouter } from "@transmute/api";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "transmute-dev-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });

// `pnpm dev` runs through turbo, which hands a task only the variables it is told to: the
// README's configuration must still reach the server (PORT, LLM_*) and the web app
// (API_PROXY_TARGET), or the dev stack silently runs on defaults.
it("`pnpm dev` hands the README's configuration to the server and the web app", async () => {
  const port = await freePort();
  const child = spawn(
    "pnpm",
    ["run", "dev", "--filter=@transmute/server", "--filter=@transmute/web", "--output-logs=full"],
    {
      cwd: repoRoot,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NO_COLOR: "1",
        PORT: String(port),
        HOST: "127.0.0.1",
        PGLITE_DIR: join(dataDir, "pglite"),
        LLM_BASE_URL: "http://127.0.0.1:9/v1",
        LLM_MODEL: "dev-check",
        API_PROXY_TARGET: `http://127.0.0.1:${port}`,
      },
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    const webUrl = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const server = /transmute server listening/.test(output);
        const web = /Local:\s+(http:\/\/\S+?)\/?\s/.exec(output)?.[1];
        if (server && web) {
          clearInterval(timer);
          resolve(web);
        }
      }, 200);
      child.once("exit", (code) => {
        clearInterval(timer);
        reject(new Error(`pnpm dev exited with ${code}:\n${output}`));
      });
    });
    const listening = output
      .split("\n")
      .find((line) => line.includes("transmute server listening"));
    expect(listening).toContain(`"url":"http://127.0.0.1:${port}"`);
    // Through the web app's proxy, so API_PROXY_TARGET is what found the server on PORT.
    let token = "";
    const client = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${webUrl.replace("localhost", "127.0.0.1")}/trpc`,
          transformer: superjson,
          headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
        }),
      ],
    });
    const { tokens } = await client.auth.register.mutate({
      email: "dev@example.test",
      password: "long enough password",
      name: "Dev",
    });
    token = tokens.accessToken;
    const kinds = await client.transformation.kinds.query();
    expect(kinds.find((kind) => kind.name === "llm-rewrite")).toMatchObject({ available: true });
  } finally {
    // turbo, vite and tsx watch run in the process group started here.
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  }
}, 120_000);
