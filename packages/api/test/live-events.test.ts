import { describeEachEngine } from "@transmute/db/testing";
import type { TransformationEvent } from "@transmute/jobs";
import { expect, it } from "vitest";
import { useApi } from "./harness";

describeEachEngine("live events under load", (engine) => {
  const api = useApi(engine, { worker: true, jobs: { maxQueuedPerWorkspace: 500 } });

  it("delivers every event of a burst of jobs, in sequence order, to a live subscriber", async () => {
    const { caller, tokens } = await api.signUp("burst");
    const document = await caller.document.create({
      title: "x",
      format: "text",
      content: "Hello there. Two sentences.",
    });
    const controller = new AbortController();
    const stream = await api.as(tokens.accessToken, controller.signal).transformation.onChange({});
    const events = stream[Symbol.asyncIterator]();
    const first = events.next();
    const jobs = 60;
    await Promise.all(
      Array.from({ length: jobs }, () =>
        caller.transformation.create({
          documentId: document.id,
          steps: [{ kind: "stats", params: {} }],
        }),
      ),
    );
    const seen: TransformationEvent[] = [];
    for (let next = await first; !next.done; next = await events.next()) {
      const [, event] = next.value as unknown as [string, TransformationEvent];
      seen.push(event);
      if (seen.filter((e) => e.status === "succeeded").length === jobs) break;
    }
    controller.abort();
    // queued, running (start), then succeeded, at least, for each job; nothing out of order.
    expect(
      new Set(seen.filter((e) => e.status === "queued").map((e) => e.transformationId)).size,
    ).toBe(jobs);
    expect(seen.map((e) => e.seq)).toEqual([...seen.map((e) => e.seq)].sort((a, b) => a - b));
  }, 60_000);
});
