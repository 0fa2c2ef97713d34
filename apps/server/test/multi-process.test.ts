import type { ChildProcess } from "node:child_process";
import type { AppRouter } from "@transmute/api";
import { describeOnPostgres, type TestDatabase } from "@transmute/db/testing";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import type { TransformationEvent } from "@transmute/jobs";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launch, serverDir, stop, workerDir } from "./processes";

// PostgreSQL only: the embedded database belongs to a single process by design.
describeOnPostgres("two servers and a separate worker on one PostgreSQL", () => {
  let database: TestDatabase;
  const children: ChildProcess[] = [];
  let urls: string[] = [];

  beforeAll(async () => {
    database = await createJobsTestDatabase("postgres");
    const env = { DATABASE_URL: database.url!, HOST: "127.0.0.1", PORT: "0" };
    const servers = [0, 1].map(() =>
      launch(serverDir, { ...env, WORKER_ENABLED: "false" }, /"url":"([^"]+)".*listening/),
    );
    const worker = launch(workerDir, env, /worker started/);
    children.push(...servers.map((server) => server.child), worker.child);
    urls = await Promise.all(servers.map((server) => server.started));
    await worker.started;
  }, 90_000);

  afterAll(async () => {
    await Promise.all(children.map(stop));
    await database?.destroy();
  });

  it("announces a job made through one server and run by the worker to a browser on the other, and replays what a reconnecting one missed", async () => {
    const [serverA, serverB] = urls as [string, string];
    const viaB = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${serverB}/trpc`, transformer: superjson })],
    });
    const { tokens } = await viaB.auth.register.mutate({
      email: "multi@example.test",
      password: "long enough password",
      name: "Multi",
    });
    const authed = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${serverB}/trpc`,
          transformer: superjson,
          headers: { authorization: `Bearer ${tokens.accessToken}` },
        }),
      ],
    });
    const subscriber = createTRPCClient<AppRouter>({
      links: [
        httpSubscriptionLink({
          url: `${serverA}/trpc`,
          transformer: superjson,
          EventSource,
          connectionParams: { token: tokens.accessToken },
        }),
      ],
    });

    const listen = (
      input: { lastEventId?: string },
      until: (events: TransformationEvent[]) => boolean,
    ) => {
      const events: TransformationEvent[] = [];
      let subscription: { unsubscribe(): void } | undefined;
      const done = new Promise<TransformationEvent[]>((resolve, reject) => {
        subscription = subscriber.transformation.onChange.subscribe(input, {
          onData: ({ data }) => {
            events.push(data);
            if (until(events)) resolve(events);
          },
          onError: reject,
        });
      });
      return {
        done: done.finally(() => subscription?.unsubscribe()),
        started: new Promise((resolve) => setTimeout(resolve, 500)),
      };
    };

    const document = await authed.document.create.mutate({
      title: "Shared",
      format: "markdown",
      content: "# Shared\n\nAcross processes.",
    });
    const first = listen({}, (events) => events.some((event) => event.status === "succeeded"));
    await first.started;
    const created = await authed.transformation.create.mutate({
      documentId: document.id,
      steps: [{ kind: "markdown-to-html", params: {} }],
    });
    const live = await first.done;
    expect(live.map((event) => event.status)).toEqual(
      expect.arrayContaining(["queued", "running", "succeeded"]),
    );
    expect(live.every((event) => event.transformationId === created.id)).toBe(true);

    // While no one listens, a second job runs; a subscriber resuming from the last event it saw gets all of it.
    const second = await authed.transformation.create.mutate({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    const deadline = Date.now() + 20_000;
    while ((await authed.transformation.get.query({ id: second.id })).status !== "succeeded") {
      if (Date.now() > deadline) throw new Error("second job did not finish");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const resumed = await listen({ lastEventId: String(live.at(-1)!.seq) }, (events) =>
      events.some((event) => event.status === "succeeded"),
    ).done;
    expect(resumed.every((event) => event.transformationId === second.id)).toBe(true);
    expect(resumed.map((event) => event.status)).toEqual(
      expect.arrayContaining(["queued", "running", "succeeded"]),
    );
    expect(resumed.map((event) => event.seq)).toEqual(
      [...resumed.map((event) => event.seq)].sort((a, b) => a - b),
    );
  }, 60_000);
});
