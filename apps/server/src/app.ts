import { randomUUID } from "node:crypto";
import {
  appRouter,
  createContextFactory,
  defaultAuthSettings,
  retryAfterSeconds,
  RETRY_AFTER_SECONDS,
  type ApiDeps,
} from "@transmute/api";
import type { DatabaseHandle } from "@transmute/db";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import cors from "cors";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Env } from "./env";
import type { InFlight } from "./in-flight";
import type { Logger } from "./logger";
import type { Readiness } from "./readiness";
import { rateLimit } from "./rate-limit";
import { restRoutes } from "./rest";
import type { Metrics } from "./metrics";
import { metricsRoute } from "./metrics-endpoint";
import { noteWorkspace, requestBindings } from "./request-log";

export interface AppOptions {
  env: Env;
  database: DatabaseHandle;
  logger: Logger;
  inFlight: InFlight;
  jobs: ApiDeps["jobs"];
  readiness: Readiness;
  metrics: Metrics;
}

export function createApp({
  env,
  database,
  logger,
  inFlight,
  jobs,
  readiness,
  metrics,
}: AppOptions) {
  const deps: ApiDeps = {
    db: database.db,
    auth: {
      jwtSecret: env.JWT_SECRET,
      previousJwtSecrets: env.JWT_PREVIOUS_SECRETS,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL,
      throttle: { ...defaultAuthSettings.throttle, registrationsPerIp: env.REGISTRATIONS_PER_IP },
    },
    exposeInternalErrors: env.NODE_ENV !== "production",
    jobs,
    track: (work) => inFlight.track(work),
  };

  const contextOf = createContextFactory(deps);
  const createContext = noteWorkspace(contextOf);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUSTED_PROXIES.length > 0 ? env.TRUSTED_PROXIES : false);
  app.use(metrics.middleware);
  app.use(
    pinoHttp({
      logger,
      customProps: requestBindings,
      serializers: {
        // Credentials never reach the logs: the bearer header, cookies, and the access token that
        // subscriptions carry in the URL (EventSource cannot send headers).
        req: (req: { url?: string; headers?: Record<string, unknown> }) => ({
          ...req,
          url: req.url?.replace(/connectionParams=[^&]*/, "connectionParams=[redacted]"),
          query: undefined,
          headers: { ...req.headers, authorization: undefined, cookie: undefined },
        }),
      },
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id =
          typeof incoming === "string" && /^[\w.-]{1,100}$/.test(incoming)
            ? incoming
            : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
    }),
  );
  app.use(helmet());
  app.use(
    cors({
      origin: env.CORS_ORIGINS,
      credentials: true,
      methods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
      allowedHeaders: [
        "Authorization",
        "Content-Type",
        "Accept",
        "X-Request-Id",
        "trpc-accept",
        "Last-Event-Id",
      ],
      exposedHeaders: [
        "X-Request-Id",
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
        "Retry-After",
      ],
      maxAge: 3600,
    }),
  );

  if (env.METRICS_TOKEN) app.get("/metrics", metricsRoute(metrics.registry, env.METRICS_TOKEN));
  // Both answer from memory, so that under any load they never wait behind the pool.
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", (_req, res) => {
    const { ready, reason } = readiness.current;
    if (ready) {
      res.json({ status: "ready" });
      return;
    }
    res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
    res.status(503).json({ status: "unavailable", reason });
  });

  const rateLimits = {
    perCaller: env.RATE_LIMIT_PER_CALLER,
    perWorkspace: env.RATE_LIMIT_PER_WORKSPACE,
    windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
  };
  app.use("/trpc", rateLimit(database.db, deps.auth, rateLimits, "trpc"));
  app.use("/v1", rateLimit(database.db, deps.auth, rateLimits, "rest"));
  app.use(
    "/trpc",
    (_req, res, next) => {
      // API answers are per user; no shared cache may keep them.
      res.setHeader("Cache-Control", "private, no-store");
      next();
    },
    createExpressMiddleware({
      router: appRouter,
      createContext,
      maxBatchSize: env.MAX_BATCH_SIZE,
      // tRPC reads the body itself, so an oversized one becomes a typed PAYLOAD_TOO_LARGE.
      maxBodySize: env.BODY_LIMIT_BYTES,
      // Every 429 and 503 says when to come back (RFC 9110 §10.2.3); for a batch, the longest
      // wait. A 503 means the database is away, or this server is shutting down. A request tRPC
      // cannot read (an oversized batch, a bad content type) gets a JSON error that tRPC leaves
      // unlabelled, so clients would take it for a proxy's page: it is labelled here.
      responseMeta({ info, errors }) {
        const headers = new Headers();
        if (!info && errors.length > 0) headers.set("content-type", "application/json");
        const waits = errors.flatMap((error) =>
          error.code === "TOO_MANY_REQUESTS"
            ? [retryAfterSeconds(error)]
            : error.code === "SERVICE_UNAVAILABLE"
              ? [RETRY_AFTER_SECONDS]
              : [],
        );
        if (waits.length > 0) headers.set("Retry-After", String(Math.max(...waits)));
        return { headers };
      },
      onError({ error, path, req }) {
        metrics.countError(path, error.code);
        if (error.code === "INTERNAL_SERVER_ERROR")
          req.log.error(
            { err: error, path, workspaceId: req.res?.locals.workspaceId },
            "procedure failed",
          );
      },
    }),
  );

  app.use(restRoutes(contextOf, env.BODY_LIMIT_BYTES));

  return app;
}
