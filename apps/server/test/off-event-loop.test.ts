import type { AppRouter } from "@transmute/api";
import { describeEachEngine } from "@transmute/db/testing";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { expect, it } from "vitest";
import { useServer } from "./support";

describeEachEngine("transformations off the event loop", (engine) => {
  const running = useServer(engine);

  it("keeps /healthz answering while the worker parses 48 KiB of short block quotes", async () => {
    const url = running.server.url;
    const anonymous = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson })],
    });
    const { tokens } = await anonymous.auth.register.mutate({
      email: "quotes@example.test",
      password: "long enough password",
      name: "Quotes",
    });
    const api = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${url}/trpc`,
          transformer: superjson,
          headers: { authorization: `Bearer ${tokens.accessToken}` },
        }),
      ],
    });
    // Once measured to hold the server's only thread for 5.3 s, and 5x that at twice the size.
    const document = await api.document.create.mutate({
      title: "Quotes",
      format: "markdown",
      content: "> q\n\n".repeat((48 * 1024) / 5),
    });
    const jobs = await Promise.all(
      (["markdown-to-html", "summarize", "social-thread"] as const).map((kind) =>
        api.transformation.create.mutate({
          documentId: document.id,
          steps: [{ kind, params: {} }],
        }),
      ),
    );

    const statuses = async () =>
      (await Promise.all(jobs.map(({ id }) => api.transformation.get.query({ id })))).map(
        (row) => row.status,
      );
    while (!(await statuses()).includes("running"))
      await new Promise((resolve) => setTimeout(resolve, 50));

    // Five seconds of health checks while the work goes on (or until it is done).
    let slowest = 0;
    const until = Date.now() + 5000;
    while (Date.now() < until) {
      const started = performance.now();
      const health = await fetch(`${url}/healthz`);
      slowest = Math.max(slowest, performance.now() - started);
      expect(health.status).toBe(200);
      if ((await statuses()).every((status) => status === "succeeded")) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // A generous bound on a crowded test machine; on the event loop it was seconds.
    expect(slowest).toBeLessThan(1000);

    // What is still going is canceled, which ends its thread at once.
    for (const [index, status] of (await statuses()).entries()) {
      if (status === "queued" || status === "running")
        await api.transformation.cancel.mutate({ id: jobs[index]!.id });
    }
    for (const status of await statuses()) expect(["succeeded", "canceled"]).toContain(status);
  }, 60_000);
});
