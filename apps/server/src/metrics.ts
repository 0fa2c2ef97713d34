import { appRouter } from "@transmute/api";
import type { DatabaseHandle } from "@transmute/db";
import type { RequestHandler } from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { sampleJobs } from "./job-sample";

const procedures = new Set(Object.keys(appRouter._def.procedures));

/** Label for a request: the procedure, `batch` for several, and nothing a client can vary freely. */
export function procedureLabel(path: string): string {
  if (path === "/healthz" || path === "/readyz") return path.slice(1);
  if (!path.startsWith("/trpc/")) return "other";
  const names = decodeURIComponent(path.slice("/trpc/".length)).split(",");
  if (names.length > 1) return "batch";
  return procedures.has(names[0]!) ? names[0]! : "unknown";
}

const outcomeOf = (status: number) =>
  status < 400 ? "ok" : status === 503 ? "unavailable" : status < 500 ? "client_error" : "error";

export interface Metrics {
  registry: Registry;
  /** Times every request and counts it by procedure and outcome; counts open SSE streams. */
  middleware: RequestHandler;
  /** For tRPC's onError: one count per failed call, by procedure and tRPC code. */
  countError(path: string | undefined, code: string): void;
}

/**
 * The process's metrics (HTTP, tRPC errors, its pool, Node.js defaults) and the cluster's, sampled
 * from the database at most every `sampleSeconds`: queue depth, finished jobs and webhook
 * deliveries. Every server samples the same jobs, so aggregate those with max/avg, never sum.
 */
export function createMetrics(database: DatabaseHandle, sampleSeconds: number): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: "transmute_http_requests_total",
    help: "HTTP requests by procedure and outcome (ok, client_error, unavailable, error)",
    labelNames: ["procedure", "outcome"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "transmute_http_request_duration_seconds",
    help: "HTTP request latency by procedure and outcome (SSE streams excluded)",
    labelNames: ["procedure", "outcome"],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: "transmute_trpc_errors_total",
    help: "Failed tRPC calls by procedure and tRPC error code",
    labelNames: ["procedure", "code"],
    registers: [registry],
  });
  const streams = new Gauge({
    name: "transmute_sse_streams_open",
    help: "Server-sent event streams (subscriptions) open in this process",
    registers: [registry],
  });

  const { activity } = database;
  new Gauge({
    name: "transmute_db_pool_max",
    help: "Connections this process's pool may open",
    registers: [registry],
    collect() {
      this.set(activity.max);
    },
  });
  new Gauge({
    name: "transmute_db_pool_in_use",
    help: "Connections held by an open transaction",
    registers: [registry],
    collect() {
      this.set(Math.min(activity.inFlight, activity.max));
    },
  });
  new Gauge({
    name: "transmute_db_pool_waiting",
    help: "Transactions waiting for a connection (begun beyond the pool's size)",
    registers: [registry],
    collect() {
      this.set(Math.max(0, activity.inFlight - activity.max));
    },
  });
  new Counter({
    name: "transmute_db_transactions_total",
    help: "Transactions finished by this process, by outcome",
    labelNames: ["outcome"],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ outcome: "commit" }, activity.committed);
      this.inc({ outcome: "rollback" }, activity.rolledBack);
    },
  });

  sampleJobs(database, registry, sampleSeconds);

  const middleware: RequestHandler = (req, res, next) => {
    const procedure = procedureLabel(req.path);
    if (req.headers.accept === "text/event-stream") {
      streams.inc();
      res.once("close", () => streams.dec());
      requests.inc({ procedure, outcome: "ok" });
      next();
      return;
    }
    const stop = duration.startTimer({ procedure });
    res.once("finish", () => {
      const outcome = outcomeOf(res.statusCode);
      stop({ outcome });
      requests.inc({ procedure, outcome });
    });
    next();
  };

  return {
    registry,
    middleware,
    countError: (path, code) =>
      errors.inc({ procedure: path && procedures.has(path) ? path : "unknown", code }),
  };
}
