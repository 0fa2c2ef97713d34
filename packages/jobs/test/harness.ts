import {
  and,
  documents,
  eq,
  transformationEvents,
  transformations,
  withTenant,
  workspaces,
  type Engine,
} from "@transmute/db";
import type { TestDatabase } from "@transmute/db/testing";
import { createJobsTestDatabase } from "../src/testing";
import { startFakeLlm, type FakeLlm } from "@transmute/transform/testing";
import { afterAll, beforeAll } from "vitest";
import {
  createQueue,
  createTransformPool,
  defaultJobSettings,
  EventHub,
  recordEvent,
  startWorker,
  type JobSettings,
  type StopWorker,
  type Queue,
  type TransformPool,
} from "../src";

export const quiet = { info: () => {}, error: () => {} };

/**
 * A database with a queue, an event hub, a worker and a fake LLM it is configured to call; the
 * worker runs CPU-bound work on `pool` when given, else on a pool of the default size that is not
 * niced (on a crowded test machine other processes would starve the threads).
 */
export function useWorker(
  engine: Engine,
  overrides: Partial<JobSettings> = {},
  pool?: () => TransformPool,
) {
  const state = {} as {
    database: TestDatabase;
    queue: Queue;
    events: EventHub;
    llm: FakeLlm;
    settings: JobSettings;
    stopWorker: StopWorker;
    pool: TransformPool;
  };

  let closing = false;

  beforeAll(async () => {
    state.llm = await startFakeLlm();
    state.settings = {
      ...defaultJobSettings,
      retryDelaySeconds: 1,
      superviseIntervalSeconds: 1,
      llm: { baseUrl: state.llm.baseUrl, model: "test-model", timeoutMs: 10_000 },
      ...overrides,
    };
    state.database = await createJobsTestDatabase(engine, state.settings);
    state.queue = await createQueue(state.database, state.settings, (error) => {
      // Dropping the test database ends any connection pg-boss has not closed yet; that is
      // the teardown working, not a failure of the test.
      if (!closing) throw error;
    });
    state.events = await EventHub.connect(state.database);
    state.pool = pool?.() ?? createTransformPool(state.settings.threads, { niceIncrement: 0 });
    state.stopWorker = await startWorker({
      db: state.database.db,
      queue: state.queue,
      events: state.events,
      settings: state.settings,
      logger: quiet,
      pool: state.pool,
    });
  }, 60_000);
  afterAll(async () => {
    closing = true;
    await state.stopWorker(0);
    await state.queue.stop();
    await state.pool.close();
    await state.events.close();
    await state.database.destroy();
    await state.llm.close();
  });

  /** A workspace and a document, and a queued transformation of it with its job. */
  async function submit(
    kind: string,
    params: Record<string, unknown> = {},
    content = "Please rewrite this sentence.",
  ) {
    const db = state.database.db;
    const [workspace] = await state.database.owner
      .insert(workspaces)
      .values({ name: "jobs" })
      .returning();
    const workspaceId = workspace!.id;
    return withTenant(db, workspaceId, async (tx) => {
      const [document] = await tx
        .insert(documents)
        .values({
          workspaceId,
          title: "Doc",
          format: "text",
          content,
          size: Buffer.byteLength(content),
          contentHash: "x",
        })
        .returning();
      const [row] = await tx
        .insert(transformations)
        .values({ workspaceId, documentId: document!.id, kind, params })
        .returning();
      await state.queue.enqueue(tx, { workspaceId, transformationId: row!.id });
      return { workspaceId, id: row!.id };
    });
  }

  async function read(job: { workspaceId: string; id: string }) {
    return withTenant(state.database.db, job.workspaceId, async (tx) => {
      const [row] = await tx
        .select()
        .from(transformations)
        .where(
          and(eq(transformations.workspaceId, job.workspaceId), eq(transformations.id, job.id)),
        );
      const events = await tx
        .select({ status: transformationEvents.status })
        .from(transformationEvents)
        .where(eq(transformationEvents.transformationId, job.id))
        .orderBy(transformationEvents.seq);
      return { row: row!, statuses: events.map((event) => event.status) };
    });
  }

  /** Polls until the transformation is final (or `status`). */
  async function settled(
    job: { workspaceId: string; id: string },
    status?: string,
    timeoutMs = 30_000,
  ) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await read(job);
      const final = ["succeeded", "failed", "canceled"].includes(current.row.status);
      if (status ? current.row.status === status : final) return current;
      if (Date.now() > deadline) throw new Error(`still ${current.row.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Cancels as `transformation.cancel` does: the row, then the event a running job's worker hears. */
  async function cancel(job: { workspaceId: string; id: string }) {
    await withTenant(state.database.db, job.workspaceId, async (tx) => {
      const [row] = await tx
        .update(transformations)
        .set({ status: "canceled", finishedAt: new Date() })
        .where(
          and(eq(transformations.workspaceId, job.workspaceId), eq(transformations.id, job.id)),
        )
        .returning();
      await recordEvent(tx, row!);
    });
  }

  return { state, submit, read, settled, cancel };
}
