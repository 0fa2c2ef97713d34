import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { AppRouter } from "@transmute/api";
import { describeEachEngine } from "@transmute/db/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { expect, it } from "vitest";
import { testEnv, useServer } from "./support";

const TOKEN = "metrics-token-for-the-test";
const ops = (path: string) => new URL(`../../../ops/${path}`, import.meta.url);
const promtool = (() => {
  try {
    execFileSync("promtool", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** The value of one series in Prometheus text, or undefined when absent. */
function series(text: string, name: string, labels: Record<string, string> = {}) {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split("\n")) {
    const [head, value] = line.split(/ (?=[^ ]+$)/);
    if (!head || value === undefined || line.startsWith("#")) continue;
    const name_ = head.split("{")[0];
    if (name_ === name && wanted.every((pair) => head.includes(pair))) return Number(value);
  }
  return undefined;
}

describeEachEngine("metrics", (engine) => {
  const running = useServer(
    engine,
    testEnv({ METRICS_PORT: "0", METRICS_TOKEN: TOKEN, METRICS_SAMPLE_SECONDS: "0" }),
  );
  const scrape = async () => (await fetch(running.server.metricsUrl!)).text();

  it("is closed to a scraper without the token, and off unless configured", async () => {
    const url = `${running.server.url}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const allowed = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("transmute_http_requests_total");
    expect(testEnv().METRICS_PORT).toBeUndefined();
    expect(testEnv().METRICS_TOKEN).toBeUndefined();
    expect(testEnv({ METRICS_PORT: "9100" }).METRICS_HOST).toBe("127.0.0.1");
  });

  it("moves with real traffic: requests, errors, transactions, jobs", async () => {
    const before = await scrape();
    const client = (token?: string) =>
      createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: `${running.server.url}/trpc`,
            transformer: superjson,
            headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
          }),
        ],
      });
    const { tokens } = await client().auth.register.mutate({
      email: `metrics-${engine}@example.test`,
      password: "long enough password",
      name: "Metrics",
    });
    const api = client(tokens.accessToken);
    const document = await api.document.create.mutate({
      title: "Measured",
      format: "markdown",
      content: "# Measured\n\nSome words.",
    });
    for (let i = 0; i < 3; i++) await api.document.list.query({});
    await expect(
      api.document.get.query({ id: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toThrow();
    const created = await api.transformation.create.mutate({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    await expect
      .poll(async () => (await api.transformation.get.query({ id: created.id })).status, {
        timeout: 15_000,
      })
      .toBe("succeeded");

    const list = { procedure: "document.list", outcome: "ok" };
    await expect
      .poll(
        async () =>
          series(await scrape(), "transmute_job_duration_seconds_count", {
            queue: "transformations",
            state: "completed",
          }),
        { timeout: 10_000 },
      )
      .toBeGreaterThanOrEqual(1);
    const after = await scrape();
    expect(series(after, "transmute_http_requests_total", list)).toBe(
      (series(before, "transmute_http_requests_total", list) ?? 0) + 3,
    );
    expect(series(after, "transmute_http_request_duration_seconds_count", list)).toBe(3);
    expect(
      series(after, "transmute_trpc_errors_total", {
        procedure: "document.get",
        code: "NOT_FOUND",
      }),
    ).toBe(1);
    expect(
      series(after, "transmute_http_requests_total", {
        procedure: "document.get",
        outcome: "client_error",
      }),
    ).toBe(1);
    expect(series(after, "transmute_db_transactions_total", { outcome: "commit" })).toBeGreaterThan(
      series(before, "transmute_db_transactions_total", { outcome: "commit" }) ?? 0,
    );
    expect(series(after, "transmute_db_pool_max")).toBeGreaterThan(0);
    expect(series(after, "transmute_db_pool_waiting")).toBe(0);
    expect(series(after, "transmute_job_attempts_count", { queue: "transformations" })).toBe(1);
    expect(
      series(after, "transmute_queue_jobs", { queue: "transformations", state: "created" }),
    ).toBe(0);
    expect(series(after, "transmute_sse_streams_open")).toBe(0);
    expect(series(after, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(series(after, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(after).toContain("nodejs_gc_duration_seconds");
  });

  it("backs every expression of the dashboard and the alert rules with a metric it serves", async () => {
    const exposed = await scrape();
    const rules = readFileSync(ops("prometheus/alerts.yml"), "utf8");
    const dashboard = JSON.parse(
      readFileSync(ops("grafana/dashboards/transmute.json"), "utf8"),
    ) as {
      panels: { targets: { expr: string }[] }[];
    };
    const expressions = [
      rules,
      ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)),
    ].join("\n");
    const named = new Set(
      expressions.match(/\b(?:transmute|nodejs|process)_[a-z0-9_]*[a-z0-9]\b/g),
    );
    expect(named.size).toBeGreaterThan(10);
    const missing = [...named].filter(
      (name) => !exposed.includes(`# TYPE ${name.replace(/_(bucket|count|sum)$/, "")} `),
    );
    expect(missing).toEqual([]);
  });

  it.runIf(promtool)("has alert rules and a Prometheus configuration promtool accepts", () => {
    execFileSync("promtool", ["check", "rules", ops("prometheus/alerts.yml").pathname]);
    execFileSync("promtool", ["check", "config", ops("prometheus/prometheus.yml").pathname]);
  });
});
