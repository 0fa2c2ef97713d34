import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Whether Debian's pgbouncer is installed (scripts/test installs it). */
export const pgbouncerInstalled = () => spawnSync("pgbouncer", ["--version"]).status === 0;

/**
 * Debian's PgBouncer in transaction mode on `port`, in front of the database `directUrl` names,
 * logging in as that URL's user; `restart()` stops and starts it again on the same port.
 */
export async function startPgbouncer(directUrl: string, port: number) {
  const direct = new URL(directUrl);
  const dir = mkdtempSync(join(tmpdir(), "transmute-pgbouncer-"));
  // PgBouncer refuses to run as root; as root (CI), it runs as the postgres user.
  chmodSync(dir, 0o777);
  const config = join(dir, "pgbouncer.ini");
  writeFileSync(
    config,
    `[databases]
${direct.pathname.slice(1)} = host=${direct.hostname} port=${direct.port} user=${direct.username}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = any
pool_mode = transaction
default_pool_size = 20
max_client_conn = 500
logfile = ${join(dir, "pgbouncer.log")}
`,
  );
  const command = ["pgbouncer", "-q", config];
  let child: ChildProcess;
  const start = async () => {
    child =
      process.getuid?.() === 0
        ? spawn("runuser", ["-u", "postgres", "--", ...command], { stdio: "ignore" })
        : spawn(command[0]!, command.slice(1), { stdio: "ignore" });
    await new Promise((resolve) => setTimeout(resolve, 500));
  };
  const stop = async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // SIGTERM: immediate shutdown (SIGINT would wait for every client to leave).
    child.kill("SIGTERM");
    await exited;
  };
  await start();
  const pooled = new URL(direct);
  pooled.port = String(port);
  return {
    url: pooled.toString(),
    stop,
    restart: async () => {
      await stop();
      await start();
    },
  };
}
