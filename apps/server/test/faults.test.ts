// The quick half of the fault suite (`pnpm fault` runs the full one and prints figures): each
// scenario once, against a PostgreSQL of its own that it stops, kills and makes read-only.
import {
  startThrowawayPostgres,
  throwawayPostgresAvailable,
  type ThrowawayPostgres,
} from "@transmute/db/throwaway-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchServer, signUp, type Account, type ServerProcess } from "../fault/kit";
import {
  alive,
  appDatabase,
  readOnlyDatabase,
  restartUnderLoad,
  sigtermUnderLoad,
  startBeforeDatabase,
  startHeldLlm,
} from "../fault/scenarios";

describe.skipIf(!throwawayPostgresAvailable())("under faults", () => {
  let pg: ThrowawayPostgres;
  let databaseUrl: string;
  let server: ServerProcess;
  let account: Account;
  let llm: Awaited<ReturnType<typeof startHeldLlm>>;

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    databaseUrl = await appDatabase(pg);
    llm = await startHeldLlm();
    server = await launchServer("src", {
      DATABASE_URL: databaseUrl,
      ...llm.env,
      // An attempt whose outcome could not be written while the database was away is taken back
      // by the sweeper; at these settings it does so within the scenario's wait for the jobs.
      JOB_TIMEOUT_SECONDS: "10",
      JOB_SUPERVISE_INTERVAL_SECONDS: "2",
    });
    account = await signUp(server.url, "faults");
  }, 120_000);
  afterAll(async () => {
    if (server && alive(server)) {
      server.child.kill("SIGKILL");
      await server.exited;
    }
    await llm?.close();
    await pg?.destroy();
  });

  for (const mode of ["clean", "kill"] as const) {
    it(`survives a ${mode} PostgreSQL restart under 20 writers: 503s, nothing lost, streams resume`, async () => {
      const figures = await restartUnderLoad(pg, databaseUrl, server, account, mode, {
        beforeMs: 500,
        downMs: 800,
        afterMs: 2_500,
      });
      expect(figures.serverAlive).toBe(true);
      expect(figures.outcomes["503 with Retry-After"]).toBeGreaterThan(0);
      expect(figures.unclean, JSON.stringify(figures.outcomes)).toBe(0);
      expect(figures.recoveryMs).not.toBeNull();
      expect(figures.lost).toBe(0);
      expect(figures.jobsUnfinished).toBe(0);
      // Known open problem (issue 10): now and then a subscriber misses events across a restart
      // (about one trial in five). Printed here and counted by `pnpm fault`, whose check fails on
      // it, rather than failing every build until it is found.
      if (figures.eventsMissed > 0)
        console.warn(`${mode} restart: ${figures.eventsMissed} events missed`);
    }, 120_000);
  }

  it("answers 503, never 500, while the database is read-only, and /readyz says so", async () => {
    const figures = await readOnlyDatabase(pg, server, account);
    expect(figures.unclean, JSON.stringify(figures.outcomes)).toBe(0);
    expect(figures.outcomes["503 with Retry-After"]).toBeGreaterThan(0);
    expect(figures.signIn).toBe("503 with Retry-After");
    expect(figures.readyzWhileReadOnly).toEqual({ status: 503, reason: "database read-only" });
    expect(figures.readyzAfter).toBe(200);
    expect(figures.writesAfter).toBeGreaterThan(0);
  }, 60_000);

  it("waits for a database that is still starting, instead of exiting", async () => {
    const { served, server: late } = await startBeforeDatabase(pg, databaseUrl, "src");
    try {
      expect(served).toBe(true);
    } finally {
      late.child.kill("SIGTERM");
      await late.exited;
    }
  }, 60_000);

  it("on SIGTERM under load: not ready first, no resets, streams told to resume, jobs handed back and finished once elsewhere", async () => {
    // The victim's worker alone holds the slow jobs.
    server.child.kill("SIGTERM");
    await server.exited;
    const victim = await launchServer("src", {
      DATABASE_URL: databaseUrl,
      JOB_SHUTDOWN_GRACE_SECONDS: "1",
      WORKER_CONCURRENCY: "4",
      ...llm.env,
    });
    const startOther = () => launchServer("src", { DATABASE_URL: databaseUrl, ...llm.env });
    const figures = await sigtermUnderLoad(victim, startOther, llm, databaseUrl, account);
    try {
      expect(figures.exitCode, victim.lines.slice(-6).join("\n")).toBe(0);
      expect(figures.readyz503AfterMs).not.toBeNull();
      expect(figures.resets, JSON.stringify(figures.outcomes)).toBe(0);
      expect(
        figures.streamEndings.some((message) => /reconnect with lastEventId/.test(message)),
        JSON.stringify(figures.streamEndings),
      ).toBe(true);
      expect(figures.jobsUnfinished).toBe(0);
      expect(figures.notExactlyOnce).toBe(0);
      expect(figures.handedBack, JSON.stringify({ ...figures, other: undefined })).toBe(
        figures.jobs,
      );
    } finally {
      figures.other.child.kill("SIGTERM");
      await figures.other.exited;
    }
  }, 120_000);
});
