import { queryRows, sql, transformations, withTenant } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { TRANSFORM_QUEUE, type TransformationEvent } from "@transmute/jobs";
import type { StepInput } from "@transmute/transform";
import { expect, it } from "vitest";
import { issuePaths, rejection, useApi } from "./harness";

const ARTICLE = `# Release notes

Transmute now turns documents into other documents. It runs every transformation as a job.

## What changed

- Jobs retry when a service is briefly down.
- Progress shows live in the browser.
`;

type Caller = Awaited<ReturnType<ReturnType<typeof useApi>["signUp"]>>["caller"];

/** Polls until the transformation reaches one of `statuses`. */
async function settled(caller: Caller, id: string, statuses = ["succeeded", "failed", "canceled"]) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const row = await caller.transformation.get({ id });
    if (statuses.includes(row.status)) return row;
    if (Date.now() > deadline) throw new Error(`still ${row.status} after 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeEachEngine("transformations, with a worker", (engine) => {
  const api = useApi(engine, { worker: true });

  async function writerWithDocument() {
    const writer = await api.signUp("writer");
    const document = await writer.caller.document.create({
      title: "Release notes",
      format: "markdown",
      content: ARTICLE,
    });
    return { ...writer, document };
  }

  it("lists the catalogue with parameter schemas, and says why the LLM kind is unavailable", async () => {
    const { caller } = await api.signUp("kinds");
    const kinds = await caller.transformation.kinds();
    const byName = new Map(kinds.map((kind) => [kind.name, kind]));
    for (const name of [
      "markdown-to-html",
      "html-to-markdown",
      "to-plain-text",
      "summarize",
      "keywords",
      "outline",
      "stats",
      "social-thread",
      "redact",
      "llm-rewrite",
    ]) {
      expect(byName.has(name), name).toBe(true);
    }
    expect(byName.get("summarize")!.paramsJsonSchema).toMatchObject({ type: "object" });
    expect(byName.get("llm-rewrite")!.available).toBe(false);
    expect(byName.get("llm-rewrite")!.reason).toContain("LLM_BASE_URL");
    expect(byName.get("stats")!.available).toBe(true);
  });

  it("runs a transformation to completion and keeps its output", async () => {
    const { caller, document } = await writerWithDocument();
    const created = await caller.transformation.create({
      documentId: document.id,
      steps: [{ kind: "markdown-to-html", params: {} }],
    });
    expect(created.status).toBe("queued");
    const done = await settled(caller, created.id);
    expect(done).toMatchObject({
      status: "succeeded",
      progress: 100,
      attempts: 1,
      outputFormat: "html",
      error: null,
    });
    expect(done.output).toContain("<h1>Release notes</h1>");
    expect(done.startedAt).toBeInstanceOf(Date);
    expect(done.finishedAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt!.getTime());

    const file = await caller.transformation.output({ id: created.id });
    expect(file).toMatchObject({
      filename: "Release-notes.markdown-to-html.html",
      mediaType: "text/html; charset=utf-8",
    });
    const saved = await caller.transformation.saveAsDocument({
      id: created.id,
      title: "Release notes (HTML)",
    });
    expect(saved).toMatchObject({ format: "html", content: done.output });
  });

  it("runs a pipeline, each step feeding the next, and records every step", async () => {
    const { caller, document } = await writerWithDocument();
    const created = await caller.transformation.create({
      documentId: document.id,
      steps: [
        { kind: "markdown-to-html", params: {} },
        { kind: "html-to-markdown", params: {} },
        { kind: "stats", params: {} },
      ],
    });
    const done = await settled(caller, created.id);
    expect(done.status).toBe("succeeded");
    expect(done.kind).toBe("pipeline");
    expect(done.steps.map((step) => step.kind)).toEqual([
      "markdown-to-html",
      "html-to-markdown",
      "stats",
    ]);
    expect((done.outputMeta as { steps: unknown[] }).steps).toHaveLength(3);
    const stats = JSON.parse(done.output!) as { words: number };
    expect(stats.words).toBeGreaterThan(20);
  });

  it("refuses unknown kinds, bad parameters and impossible chains with BAD_REQUEST and stores nothing", async () => {
    const { caller, document, workspace } = await writerWithDocument();
    const bad = [
      [{ kind: "teleport", params: {} }],
      [{ kind: "summarize", params: { sentences: 0 } }],
      [
        { kind: "stats", params: {} },
        { kind: "summarize", params: {} },
      ],
    ];
    for (const steps of bad) {
      const error = await rejection(
        // What an untyped caller could send: the types refuse these before the API does.
        caller.transformation.create({ documentId: document.id, steps: steps as StepInput[] }),
        "BAD_REQUEST",
      );
      expect(error.message.length).toBeGreaterThan(0);
    }
    const rows = await withTenant(api.app, workspace.id, (tx) => tx.select().from(transformations));
    expect(rows).toEqual([]);
  });

  it("gives another tenant's document or transformation NOT_FOUND", async () => {
    const a = await writerWithDocument();
    const b = await writerWithDocument();
    await rejection(
      a.caller.transformation.create({
        documentId: b.document.id,
        steps: [{ kind: "stats", params: {} }],
      }),
      "NOT_FOUND",
    );
    const theirs = await b.caller.transformation.create({
      documentId: b.document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    await rejection(a.caller.transformation.get({ id: theirs.id }), "NOT_FOUND");
    await rejection(a.caller.transformation.cancel({ id: theirs.id }), "NOT_FOUND");
    await rejection(a.caller.transformation.output({ id: theirs.id }), "NOT_FOUND");
    expect((await a.caller.transformation.list({})).items).toEqual([]);
  });

  it("refuses a parameter the kind does not have, naming it", async () => {
    const { caller, document } = await writerWithDocument();
    const steps = [
      { kind: "summarize", params: { sentences: 2, sentense: 3 } },
    ] as unknown as StepInput[];
    const error = await rejection(
      caller.transformation.create({ documentId: document.id, steps }),
      "BAD_REQUEST",
    );
    expect(issuePaths(error)).toEqual(["steps.0.params"]);
    expect(error.message).toContain('Unrecognized key: \\"sentense\\"');
    const misspelt = [{ kind: "sumarize" }] as unknown as StepInput[];
    const unknown = await rejection(
      caller.transformation.create({ documentId: document.id, steps: misspelt }),
      "BAD_REQUEST",
    );
    expect(issuePaths(unknown)).toEqual(["steps.0.kind"]);
    expect(unknown.message).toContain('Unknown kind \\"sumarize\\"; one of');
  });

  it("returns the first transformation for a repeated idempotency key", async () => {
    const { caller, document } = await writerWithDocument();
    const request = {
      documentId: document.id,
      steps: [{ kind: "stats" as const, params: {} }],
      idempotencyKey: "click-1",
    };
    const first = await caller.transformation.create(request);
    const second = await caller.transformation.create(request);
    expect(second.id).toBe(first.id);
    expect((await caller.transformation.list({ documentId: document.id })).items).toHaveLength(1);
  });

  it("lists the workspace's transformations newest first, each with its document's title", async () => {
    const { caller, document } = await writerWithDocument();
    const other = await caller.document.create({ title: "Roadmap", format: "text", content: "Q3" });
    const first = await caller.transformation.create({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    const second = await caller.transformation.create({
      documentId: other.id,
      steps: [{ kind: "stats", params: {} }],
    });
    const { items } = await caller.transformation.list({});
    expect(items.map((item) => [item.id, item.documentTitle])).toEqual([
      [second.id, "Roadmap"],
      [first.id, "Release notes"],
    ]);
  });

  it("streams status and progress to subscribers of the workspace only, resumable by event id", async () => {
    const { caller, document, tokens } = await writerWithDocument();
    const stranger = await writerWithDocument();
    const controller = new AbortController();
    const stream = await api.as(tokens.accessToken, controller.signal).transformation.onChange({});
    const strangerController = new AbortController();
    const strangerStream = await api
      .as(stranger.tokens.accessToken, strangerController.signal)
      .transformation.onChange({});

    // A generator runs from its first `next()`: start listening before the job exists.
    const events = stream[Symbol.asyncIterator]();
    const first = events.next();
    const created = await caller.transformation.create({
      documentId: document.id,
      steps: [{ kind: "to-plain-text", params: {} }],
    });
    const seen: { id: string; status: string; seq: number; transformationId: string }[] = [];
    // A server-side caller yields the raw tracked() envelope, an [id, data] pair (its type says
    // {id, data}, the shape HTTP clients get); over SSE the id is the event id.
    for (let next = await first; !next.done; next = await events.next()) {
      const [id, event] = next.value as unknown as [string, TransformationEvent];
      seen.push({
        id,
        status: event.status,
        seq: event.seq,
        transformationId: event.transformationId,
      });
      if (event.status === "succeeded") break;
    }
    controller.abort();
    expect(seen.map((event) => event.status)).toEqual(
      expect.arrayContaining(["queued", "running", "succeeded"]),
    );
    expect(
      seen.every(
        (event) => event.id === String(event.seq) && event.transformationId === created.id,
      ),
    ).toBe(true);

    // Resuming from the first event replays exactly what came after it.
    const resumed: string[] = [];
    const resumeController = new AbortController();
    const resumedStream = await api
      .as(tokens.accessToken, resumeController.signal)
      .transformation.onChange({ lastEventId: String(seen[0]!.seq) });
    for await (const tracked of resumedStream) {
      const [, event] = tracked as unknown as [string, TransformationEvent];
      resumed.push(event.status);
      if (resumed.length === seen.length - 1) break;
    }
    resumeController.abort();
    expect(resumed).toEqual(seen.slice(1).map((event) => event.status));

    // The other tenant heard nothing of it.
    const nothing = await Promise.race([
      strangerStream[Symbol.asyncIterator]()
        .next()
        .then(() => "event"),
      new Promise((resolve) => setTimeout(() => resolve("silence"), 300)),
    ]);
    strangerController.abort();
    expect(nothing).toBe("silence");
  });
});

describeEachEngine("transformations, queue only", (engine) => {
  const api = useApi(engine, { worker: false, jobs: { maxQueuedPerWorkspace: 3 } });

  async function jobsFor(transformationId: string) {
    return queryRows<{ state: string }>(
      api.db,
      sql`select state from pgboss.job where name = ${TRANSFORM_QUEUE} and data->>'transformationId' = ${transformationId}`,
    );
  }

  it("gives concurrent creates with one new idempotency key the same transformation and one job", async () => {
    const { caller } = await api.signUp("retries");
    const document = await caller.document.create({ title: "x", format: "text", content: "hi" });
    const request = {
      documentId: document.id,
      steps: [{ kind: "stats" as const, params: {} }],
      idempotencyKey: "flaky-network",
    };
    const created = await Promise.all(
      Array.from({ length: 6 }, () => caller.transformation.create(request)),
    );
    expect(new Set(created.map((row) => row.id)).size).toBe(1);
    expect((await caller.transformation.list({ documentId: document.id })).items).toHaveLength(1);
    expect(await jobsFor(created[0]!.id)).toHaveLength(1);
  });

  it("enqueues the job in the same transaction as the row: a rollback leaves neither", async () => {
    const { caller, workspace } = await api.signUp("rollback");
    const document = await caller.document.create({ title: "x", format: "text", content: "hello" });
    let transformationId = "";
    await expect(
      withTenant(api.app, workspace.id, async (tx) => {
        const [row] = await tx
          .insert(transformations)
          .values({ workspaceId: workspace.id, documentId: document.id, kind: "stats" })
          .returning();
        transformationId = row!.id;
        await api.queue.enqueue(tx, { workspaceId: workspace.id, transformationId });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await jobsFor(transformationId)).toEqual([]);
    expect(
      await withTenant(api.app, workspace.id, (tx) => tx.select().from(transformations)),
    ).toEqual([]);

    const created = await caller.transformation.create({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    expect(await jobsFor(created.id)).toEqual([{ state: "created" }]);
  });

  it("cancels a queued transformation and withdraws its job", async () => {
    const { caller } = await api.signUp("cancel");
    const document = await caller.document.create({ title: "x", format: "text", content: "hello" });
    const created = await caller.transformation.create({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    const canceled = await caller.transformation.cancel({ id: created.id });
    expect(canceled.status).toBe("canceled");
    expect(await jobsFor(created.id)).toEqual([{ state: "cancelled" }]);
    await rejection(caller.transformation.cancel({ id: created.id }), "PRECONDITION_FAILED");
    await rejection(caller.transformation.output({ id: created.id }), "PRECONDITION_FAILED");

    const retried = await caller.transformation.retry({ id: created.id });
    expect(retried.status).toBe("queued");
    expect((await jobsFor(created.id)).map((job) => job.state).sort()).toEqual([
      "cancelled",
      "created",
    ]);
  });

  it("caps the queued transformations of a workspace with a clear error", async () => {
    const { caller } = await api.signUp("cap");
    const document = await caller.document.create({ title: "x", format: "text", content: "hello" });
    const create = () =>
      caller.transformation.create({
        documentId: document.id,
        steps: [{ kind: "stats", params: {} }],
      });
    await create();
    await create();
    await create();
    const error = await rejection(create(), "TOO_MANY_REQUESTS");
    expect(error.message).toContain("3 transformations");
    // Another workspace is not slowed down by this one.
    const other = await api.signUp("other");
    const theirs = await other.caller.document.create({
      title: "y",
      format: "text",
      content: "hi",
    });
    await other.caller.transformation.create({
      documentId: theirs.id,
      steps: [{ kind: "stats", params: {} }],
    });
  });

  it("lets viewers watch but not start or cancel", async () => {
    const { caller, workspace } = await api.signUp("owner");
    const viewer = await api.signUp("viewer");
    const document = await caller.document.create({ title: "x", format: "text", content: "hello" });
    const created = await caller.transformation.create({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    await api.db.execute(
      sql`insert into memberships (workspace_id, user_id, role) values (${workspace.id}, ${viewer.user.id}, 'viewer')`,
    );
    const { tokens } = await viewer.caller.auth.switchWorkspace({ workspaceId: workspace.id });
    const asViewer = api.as(tokens.accessToken);
    expect((await asViewer.transformation.get({ id: created.id })).status).toBe("queued");
    await rejection(
      asViewer.transformation.create({
        documentId: document.id,
        steps: [{ kind: "stats", params: {} }],
      }),
      "FORBIDDEN",
    );
    await rejection(asViewer.transformation.cancel({ id: created.id }), "FORBIDDEN");
  });
});
