import type { ChildProcess } from "node:child_process";
import type { AppRouter } from "@transmute/api";
import { queryRows, sql } from "@transmute/db";
import { describeOnPostgres, type TestDatabase } from "@transmute/db/testing";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import { startFakeLlm, type FakeLlm } from "@transmute/transform/testing";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger, startServer, type RunningServer } from "../src";
import { launch, stop, workerDir } from "./processes";
import { testEnv } from "./support";

describeOnPostgres("a worker that dies mid-job", () => {
  let database: TestDatabase;
  let llm: FakeLlm;
  let server: RunningServer;
  const workers: ChildProcess[] = [];
  let jobEnv: Record<string, string>;

  beforeAll(async () => {
    database = await createJobsTestDatabase("postgres");
    llm = await startFakeLlm();
    jobEnv = {
      DATABASE_URL: database.url!,
      LLM_BASE_URL: llm.baseUrl,
      LLM_MODEL: "test-model",
      JOB_TIMEOUT_SECONDS: "4",
      JOB_SUPERVISE_INTERVAL_SECONDS: "1",
      JOB_RETRY_DELAY_SECONDS: "1",
    };
    const env = testEnv({ ...jobEnv, WORKER_ENABLED: "false" });
    server = await startServer(env, createLogger(env), database);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map(stop));
    await server?.close();
    await database?.destroy();
    await llm?.close();
  });

  it("is replaced: its job is taken up again and finishes exactly once", async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc`, transformer: superjson })],
    });
    const { tokens } = await client.auth.register.mutate({
      email: "crash@example.test",
      password: "long enough password",
      name: "Crash",
    });
    const api = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${server.url}/trpc`,
          transformer: superjson,
          headers: { authorization: `Bearer ${tokens.accessToken}` },
        }),
      ],
    });
    const document = await api.document.create.mutate({
      title: "Crash",
      format: "text",
      content: "Rewrite me, please.",
    });

    // The first worker takes the job and is killed while the model is still thinking.
    llm.next.push({ type: "hang" });
    const first = launch(workerDir, jobEnv, /worker started/);
    workers.push(first.child);
    await first.started;
    const created = await api.transformation.create.mutate({
      documentId: document.id,
      steps: [{ kind: "llm-rewrite", params: {} }],
    });
    const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 30_000) => {
      const deadline = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await until(() => llm.requests.length === 1, "the first worker to call the model");
    first.child.kill("SIGKILL");

    llm.next.push({ type: "json", content: "Rewritten by the second worker." });
    const second = launch(workerDir, jobEnv, /worker started/);
    workers.push(second.child);
    await second.started;

    await until(
      async () => (await api.transformation.get.query({ id: created.id })).status === "succeeded",
      "the job to finish",
    );
    const done = await api.transformation.get.query({ id: created.id });
    expect(done).toMatchObject({
      status: "succeeded",
      attempts: 2,
      output: "Rewritten by the second worker.",
    });
    expect(llm.requests).toHaveLength(2);

    // Exactly once: one success in the event log, and no attempt after it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const log = await queryRows<{ status: string }>(
      database.owner,
      sql`select status from transformation_events where transformation_id = ${created.id} order by seq`,
    );
    expect(log.filter((event) => event.status === "succeeded")).toHaveLength(1);
    expect(log.at(-1)!.status).toBe("succeeded");
    expect((await api.transformation.get.query({ id: created.id })).attempts).toBe(2);
    expect(llm.requests).toHaveLength(2);
  }, 90_000);
});
