// A PostgreSQL server of its own for fault tests: its own data folder under /tmp and its own port,
// so a test may stop, kill or make read-only a server no one else uses.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";

const binDir = process.env.POSTGRES_BIN_DIR ?? "/usr/lib/postgresql/15/bin";

/** PostgreSQL refuses to run as root; as root, the server runs as the `postgres` account. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"]).stdout.toString());
  return { uid: id("-u"), gid: id("-g") };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export const throwawayPostgresAvailable = () => existsSync(join(binDir, "initdb"));

export interface ThrowawayPostgres {
  /** Superuser URL of the `postgres` database on this server. */
  url: string;
  port: number;
  /** Starts the server (again) and resolves once it accepts connections. */
  start(): Promise<void>;
  /** The server's own shutdown: `fast` (a clean restart) or `immediate` (no checkpoint). */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  /** SIGKILL to the postmaster, as an out-of-memory killer would. */
  kill(): Promise<void>;
  /** Refuses writes (`default_transaction_read_only`), or allows them again. */
  setReadOnly(on: boolean): Promise<void>;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), "transmute-pg-"));
  chmodSync(dir, 0o700);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const dataDir = join(dir, "data");
  const init = spawnSync(
    join(binDir, "initdb"),
    ["-D", dataDir, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"],
    { ...owner, encoding: "utf8" },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let server: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const accepting = async (child: ChildProcess) => {
    for (let attempt = 0; attempt < 300; attempt++) {
      if (child.exitCode !== null) return false;
      const probe = postgres(url, { max: 1, connect_timeout: 1, onnotice: () => {} });
      try {
        await probe`select 1`;
        return true;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        await probe.end({ timeout: 1 });
      }
    }
    return false;
  };

  const handle: ThrowawayPostgres = {
    url,
    port,
    async start() {
      // After a SIGKILL the old backends hold the shared memory until they notice their
      // postmaster is gone; a postmaster started before that exits at once, so try again.
      for (let attempt = 0; attempt < 50; attempt++) {
        const child = spawn(
          join(binDir, "postgres"),
          ["-D", dataDir, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1"],
          { ...owner, stdio: "ignore" },
        );
        server = child;
        exited = new Promise((resolve) => child.once("exit", () => resolve()));
        if (await accepting(child)) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`the throwaway PostgreSQL on port ${port} did not start`);
    },
    async stop(mode = "fast") {
      if (!server || server.exitCode !== null || server.signalCode !== null) return;
      // SIGINT is PostgreSQL's fast shutdown, SIGQUIT its immediate one.
      server.kill(mode === "fast" ? "SIGINT" : "SIGQUIT");
      await exited;
    },
    async kill() {
      if (!server || server.exitCode !== null || server.signalCode !== null) return;
      server.kill("SIGKILL");
      await exited;
    },
    async setReadOnly(on) {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`alter system set default_transaction_read_only = ${on ? "on" : "off"}`);
        await admin`select pg_reload_conf()`;
      } finally {
        await admin.end({ timeout: 1 });
      }
    },
    async destroy() {
      await handle.stop("immediate");
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await handle.start();
  return handle;
}
