import { queryRows, sql } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { runPipeline, TransformError } from "@transmute/transform";
import { afterAll, describe, expect, it } from "vitest";
import { createTransformPool } from "../src";
import { useWorker } from "./harness";
import { stuckThread } from "./support/stuck-thread";

const notAborted = () => new AbortController().signal;
const markdown = {
  content: "# Title\n\nSome *prose*. Another sentence here.",
  format: "markdown" as const,
};

describe("the transformation pool", () => {
  const pool = createTransformPool(1, { threadFile: stuckThread, niceIncrement: 0 });
  afterAll(() => pool.close());

  it("runs a pipeline on another thread, with the result it gives on this one, and reports progress", async () => {
    const steps = [
      { kind: "markdown-to-html", params: {} },
      { kind: "to-plain-text", params: {} },
    ];
    const progress: number[] = [];
    const result = await pool.run(steps, markdown, {
      signal: notAborted(),
      progress: (percent) => progress.push(percent),
    });
    const here = await runPipeline(steps, markdown, { signal: notAborted(), progress: () => {} });
    expect(result.output).toEqual(here.output);
    expect(result.steps.map((step) => step.kind)).toEqual(["markdown-to-html", "to-plain-text"]);
    expect(progress.length).toBeGreaterThan(0);
  });

  it("passes on a TransformError as one, keeping whether it is worth retrying", async () => {
    const failure = pool.run([{ kind: "summarize", params: { sentences: "many" } }], markdown, {
      signal: notAborted(),
      progress: () => {},
    });
    await expect(failure).rejects.toBeInstanceOf(TransformError);
    await expect(failure).rejects.toMatchObject({ retryable: false });
  });

  it("ends a thread stuck in a regex when the work is aborted, and runs the next task on a new one", async () => {
    const controller = new AbortController();
    let started: () => void = () => {};
    const begun = new Promise<void>((resolve) => (started = resolve));
    const stuck = pool.run(
      [{ kind: "stats", params: {} }],
      { content: "stuck", format: "text" },
      {
        signal: controller.signal,
        progress: () => started(),
      },
    );
    await begun;
    controller.abort(new Error("canceled"));
    await expect(stuck).rejects.toThrow();
    // The pool has one thread: had the stuck one been waited for, this would never run.
    const next = await pool.run([{ kind: "stats", params: {} }], markdown, {
      signal: notAborted(),
      progress: () => {},
    });
    expect(next.output.format).toBe("json");
  });
});

describeEachEngine("a job stuck in a regex on its thread", (engine) => {
  const jobs = useWorker(
    engine,
    // Long enough for a new thread to load the catalogue on a busy machine.
    { timeoutSeconds: 10, retryLimit: 0, concurrency: 1 },
    () => createTransformPool(1, { threadFile: stuckThread, niceIncrement: 0 }),
  );

  /** Until the thread has told the worker it began (its first progress event). */
  async function begun(job: { workspaceId: string; id: string }) {
    for (;;) {
      const [row] = await queryRows<{ progress: number }>(
        jobs.state.database.owner,
        sql`select progress from transformation_events where transformation_id = ${job.id} order by seq desc limit 1`,
      );
      if (row && row.progress > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it(
    "is stopped by a cancel: the transformation ends canceled, and the next job runs",
    { timeout: 60_000 },
    async () => {
      const job = await jobs.submit("stats", {}, "stuck");
      await begun(job);
      await jobs.cancel(job);
      // One thread: the next job runs only if the stuck one was ended rather than waited for.
      const next = await jobs.settled(await jobs.submit("stats"));
      expect(next.row).toMatchObject({ status: "succeeded", error: null });
      const { row, statuses } = await jobs.read(job);
      expect(row).toMatchObject({ status: "canceled", attempts: 1, output: null });
      expect(statuses).toEqual(["running", "running", "canceled"]);
    },
  );

  it(
    "is stopped by its timeout: the transformation fails with a message, and the next job runs",
    { timeout: 60_000 },
    async () => {
      const job = await jobs.submit("stats", {}, "stuck");
      const { row } = await jobs.settled(job);
      expect(row).toMatchObject({ status: "failed", attempts: 1 });
      expect(row.error).toBe("Timed out after 10 seconds");
      const next = await jobs.settled(await jobs.submit("stats"));
      expect(next.row).toMatchObject({ status: "succeeded", error: null });
    },
  );
});
