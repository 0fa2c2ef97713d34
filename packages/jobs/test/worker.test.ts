import {
  documents,
  eq,
  queryRows,
  sql,
  transformations,
  withTenant,
  workspaces,
} from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { expect, it } from "vitest";
import { useWorker } from "./harness";

describeEachEngine("the worker", (engine) => {
  const jobs = useWorker(engine, { timeoutSeconds: 3, retryLimit: 2 });

  it("retries a transient failure (LLM 503) with backoff, then succeeds once", async () => {
    jobs.state.llm.next.push(
      { type: "status", status: 503, message: "overloaded" },
      { type: "json", content: "A rewritten sentence." },
    );
    const job = await jobs.submit("llm-rewrite", { tone: "formal" });
    const { row, statuses } = await jobs.settled(job);
    expect(row).toMatchObject({
      status: "succeeded",
      attempts: 2,
      output: "A rewritten sentence.",
      progress: 100,
      error: null,
    });
    expect(statuses.filter((status) => status === "succeeded")).toHaveLength(1);
    expect(statuses).toContain("queued");
  });

  it("fails at once, without retrying, on a permanent error, with a message for people", async () => {
    jobs.state.llm.next.push({ type: "status", status: 400, message: "bad request" });
    const job = await jobs.submit("llm-rewrite", { tone: "formal" });
    const { row } = await jobs.settled(job);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.error).toBeTruthy();
    expect(row.error).not.toMatch(/at .*\.ts:\d+/);
    expect(row.finishedAt).toBeInstanceOf(Date);
  });

  it("times a stuck job out, retries it, and fails it for good when every attempt times out", async () => {
    jobs.state.llm.next.push({ type: "hang" }, { type: "hang" }, { type: "hang" });
    const job = await jobs.submit("llm-rewrite", { tone: "formal" });
    const { row } = await jobs.settled(job, undefined, 40_000);
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row.error).toMatch(/timed out/i);
  }, 60_000);

  it("fails invalid stored parameters without retrying", async () => {
    const job = await jobs.submit("summarize", { sentences: "many" });
    const { row } = await jobs.settled(job);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
  });

  /** Waits for pg-boss to finish a job, and returns how it ended. */
  async function finished(jobId: string) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await queryRows<{ state: string; retry_count: number }>(
        jobs.state.database.db,
        sql`select state, retry_count from pgboss.job where id = ${jobId}`,
      );
      if (row && ["completed", "failed", "cancelled"].includes(row.state)) return row;
      if (Date.now() > deadline) throw new Error(`job still ${row?.state}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("ends a queued job whose workspace was deleted before it ran, without error", async () => {
    const db = jobs.state.database.db;
    const [workspace] = await jobs.state.database.owner
      .insert(workspaces)
      .values({ name: "doomed" })
      .returning();
    const workspaceId = workspace!.id;
    // Queued and deleted in one transaction, so the worker cannot take the job in between.
    const jobId = await withTenant(db, workspaceId, async (tx) => {
      const [document] = await tx
        .insert(documents)
        .values({
          workspaceId,
          title: "Doc",
          format: "text",
          content: "x",
          size: 1,
          contentHash: "x",
        })
        .returning();
      const [row] = await tx
        .insert(transformations)
        .values({ workspaceId, documentId: document!.id, kind: "stats" })
        .returning();
      const id = await jobs.state.queue.enqueue(tx, { workspaceId, transformationId: row!.id });
      await tx.delete(workspaces).where(eq(workspaces.id, workspaceId));
      return id;
    });
    expect(await finished(jobId)).toEqual({ state: "completed", retry_count: 0 });
  });

  it("does not retry a running job whose workspace was deleted under it", async () => {
    const { requests } = jobs.state.llm;
    const asked = requests.length;
    jobs.state.llm.next.push({ type: "hang" });
    const job = await jobs.submit("llm-rewrite", {});
    const { row } = await jobs.settled(job, "running");
    while (requests.length === asked) await new Promise((resolve) => setTimeout(resolve, 20));
    await jobs.state.database.owner.delete(workspaces).where(eq(workspaces.id, job.workspaceId));
    // The attempt times out (3 s) with nothing left to requeue, and ends there.
    expect(await finished(row.jobId!)).toEqual({ state: "completed", retry_count: 0 });
    expect(requests).toHaveLength(asked + 1);
  }, 30_000);
});

describeEachEngine("canceling a running job", (engine) => {
  const jobs = useWorker(engine, { timeoutSeconds: 20 });

  it("stops the work at once and leaves the transformation canceled, not retried", async () => {
    jobs.state.llm.next.push({ type: "hang" });
    const job = await jobs.submit("llm-rewrite", {});
    await jobs.settled(job, "running");
    while (jobs.state.llm.requests.length === 0)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await jobs.cancel(job);
    // Well within the 20 s timeout: the worker heard the event and gave up on the model.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { row, statuses } = await jobs.read(job);
    expect(row).toMatchObject({ status: "canceled", attempts: 1, output: null });
    expect(statuses.at(-1)).toBe("canceled");
    expect(jobs.state.llm.requests).toHaveLength(1);
    const [pgJob] = await queryRows<{ state: string }>(
      jobs.state.database.db,
      sql`select state from pgboss.job where data->>'transformationId' = ${job.id}`,
    );
    expect(pgJob!.state).toBe("completed");
  }, 30_000);
});

describeEachEngine("a job left running by a worker that died", (engine) => {
  const jobs = useWorker(engine, { timeoutSeconds: 5 });

  it("is taken back by the sweeper and finishes once, as the next attempt", async () => {
    const db = jobs.state.database.db;
    const [workspace] = await jobs.state.database.owner
      .insert(workspaces)
      .values({ name: "orphan" })
      .returning();
    const workspaceId = workspace!.id;
    // As a dead worker leaves it: running, one attempt made, started long ago, no live job.
    const id = await withTenant(db, workspaceId, async (tx) => {
      const [document] = await tx
        .insert(documents)
        .values({
          workspaceId,
          title: "Orphan",
          format: "text",
          content: "One sentence here.",
          size: 18,
          contentHash: "x",
        })
        .returning();
      const [row] = await tx
        .insert(transformations)
        .values({
          workspaceId,
          documentId: document!.id,
          kind: "stats",
          status: "running",
          attempts: 1,
          startedAt: new Date(Date.now() - 3_600_000),
        })
        .returning();
      return row!.id;
    });
    const { row, statuses } = await jobs.settled({ workspaceId, id });
    expect(row).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(statuses.filter((status) => status === "succeeded")).toHaveLength(1);
    expect(statuses[0]).toBe("queued");
  }, 30_000);
});
