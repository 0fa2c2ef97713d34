import type { AppRouter } from "@transmute/api";
import type { TestDatabase } from "@transmute/db/testing";
import { describeOnPostgres } from "@transmute/db/testing";
import type { TransformationEvent } from "@transmute/jobs";
import { createJobsTestDatabase } from "@transmute/jobs/testing";
import { createTRPCClient, httpLink, httpSubscriptionLink } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectDatabase, createLogger, startServer, type RunningServer } from "../src";
import { pgbouncerInstalled, startPgbouncer } from "./pgbouncer";
import { testEnv } from "./support";

const PORT = 6440;

/**
 * Two servers behind Debian's PgBouncer (1.18) in transaction mode, as docs/scaling.md sets them
 * up: DB_PREPARE=false, LISTEN straight to PostgreSQL; only the first runs a worker.
 */
describeOnPostgres("behind PgBouncer in transaction mode", () => {
  let database: TestDatabase;
  let pgbouncer: Awaited<ReturnType<typeof startPgbouncer>>;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    expect(pgbouncerInstalled(), "install Debian's pgbouncer (scripts/test does)").toBe(true);
    database = await createJobsTestDatabase("postgres");
    pgbouncer = await startPgbouncer(database.url!, PORT);
    for (const worker of ["true", "false"]) {
      const env = testEnv({
        DATABASE_URL: pgbouncer.url,
        DATABASE_LISTEN_URL: database.url!,
        DB_PREPARE: "false",
        WORKER_ENABLED: worker,
      });
      servers.push(await startServer(env, createLogger(env), await connectDatabase(env)));
    }
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await pgbouncer?.stop();
    await database?.destroy();
  });

  const client = (server: RunningServer, token?: string) =>
    createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${server.url}/trpc`,
          transformer: superjson,
          headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
        }),
      ],
    });
  const register = async (server: RunningServer, email: string) =>
    (
      await client(server).auth.register.mutate({
        email,
        password: "long enough password",
        name: email,
      })
    ).tokens.accessToken;

  it("keeps tenants apart, runs a job once and streams its events to the other server", async () => {
    const [first, second] = servers as [RunningServer, RunningServer];
    const alice = await register(first, "alice-pgbouncer@example.test");
    const bob = await register(second, "bob-pgbouncer@example.test");
    const document = await client(first, alice).document.create.mutate({
      title: "Pooled",
      format: "markdown",
      content: "# Pooled\n\nThrough PgBouncer.",
    });
    // Tenant context is transaction-local: the other server sees Alice's document for Alice only.
    const listed = await client(second, alice).document.list.query({});
    expect(listed.items.map((d) => d.id)).toEqual([document.id]);
    await expect(client(second, bob).document.get.query({ id: document.id })).rejects.toMatchObject(
      { data: { code: "NOT_FOUND" } },
    );
    expect((await client(second, bob).document.list.query({})).items).toEqual([]);

    const live = createTRPCClient<AppRouter>({
      links: [
        httpSubscriptionLink({
          url: `${second.url}/trpc`,
          transformer: superjson,
          EventSource,
          connectionParams: { token: alice },
        }),
      ],
    });
    let subscription: { unsubscribe(): void } | undefined;
    const succeeded = new Promise<TransformationEvent>((resolve, reject) => {
      subscription = live.transformation.onChange.subscribe(
        { documentId: document.id },
        { onData: ({ data }) => data.status === "succeeded" && resolve(data), onError: reject },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Queued on the server without a worker, run by the other one.
    const created = await client(second, alice).transformation.create.mutate({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    expect((await succeeded).transformationId).toBe(created.id);
    subscription?.unsubscribe();
    const row = await client(first, alice).transformation.get.query({ id: created.id });
    expect(row).toMatchObject({ status: "succeeded", attempts: 1 });
  });

  it("keeps answering when PgBouncer restarts", async () => {
    const [first, second] = servers as [RunningServer, RunningServer];
    const token = await register(first, "restart-pgbouncer@example.test");
    await pgbouncer.restart();
    for (const server of [first, second]) {
      // A pooled connection PgBouncer dropped fails its next query once; the pool reconnects.
      await expect
        .poll(
          () =>
            client(server, token)
              .document.list.query({})
              .then(
                () => "ok",
                () => "failed",
              ),
          { timeout: 10_000 },
        )
        .toBe("ok");
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => client(server, token).document.list.query({})),
      );
      expect(answers).toHaveLength(10);
    }
  });
});
