import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const serverDir = fileURLToPath(new URL("..", import.meta.url));
export const workerDir = fileURLToPath(new URL("../../worker", import.meta.url));

/** Starts `src/main.ts` of an app in its own Node process; resolves once it logs `ready`. */
export function launch(cwd: string, env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd,
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const started = new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${cwd} exited with ${code}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = ready.exec(line);
      if (match) resolve(match[1] ?? line);
      // Warnings and errors from the child belong in the test's output.
      if (/"level":(4|5|6)\d/.test(line)) console.error(line);
    });
  });
  return { child, started };
}

export const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    // Already gone, by exiting or by a signal (SIGKILL leaves exitCode null).
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
