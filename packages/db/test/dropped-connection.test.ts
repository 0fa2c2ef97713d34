import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startThrowawayPostgres,
  throwawayPostgresAvailable,
  type ThrowawayPostgres,
} from "../src/throwaway-postgres";

const fixture = fileURLToPath(
  new URL("./fixtures/transaction-on-a-dropped-connection.mjs", import.meta.url),
);

function run(url: string, order: "closed" | "reconnect-first") {
  const child = spawn(process.execPath, [fixture, url, order], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code) => resolve({ code, stdout, stderr })),
  );
}

// postgres.js 3.4.9 as published: the first case ends the process with "TypeError: Cannot read
// properties of null (reading 'write')" from a timer, the second commits the statement outside
// its transaction. patches/postgres@3.4.9.patch fixes both.
describe.skipIf(!throwawayPostgresAvailable())("a transaction whose connection drops", () => {
  let server: ThrowawayPostgres;
  beforeAll(async () => {
    server = await startThrowawayPostgres();
  });
  afterAll(() => server?.destroy());

  it("rejects its next statement instead of crashing the process", async () => {
    const result = await run(server.url, "closed");
    expect(result.stderr).not.toMatch(/TypeError/);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      transaction: "CONNECTION_CLOSED",
      statement: "CONNECTION_CLOSED",
      strayRows: 0,
    });
  });

  it("never runs its next statement on the connection after the pool reconnected it", async () => {
    const result = await run(server.url, "reconnect-first");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      transaction: "CONNECTION_CLOSED",
      statement: "CONNECTION_CLOSED",
      strayRows: 0,
    });
  });
});
