import { randomUUID } from "node:crypto";
import { appRouter, createContextFactory, defaultAuthSettings, type ApiDeps } from "@transmute/api";
import { sql, type DatabaseHandle } from "@transmute/db";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import cors from "cors";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Env } from "./env";
import type { InFlight } from "./in-flight";
import type { Logger } from "./logger";
import type { Metrics } from "./metrics";
import { metricsRoute } from "./metrics-endpoint";
import { noteWorkspace, requestBindings } from "./request-log";

export interface AppOptions {
  env: Env;
  database: DatabaseHandle;
  logger: Logger;
  inFlight: InFlight;
  jobs: ApiDeps["jobs"];
  metrics: Metrics;
}

export function createApp({ env, database, logger, inFlight, jobs, metrics }: AppOptions) {
  const deps: ApiDeps = {
    db: database.db,
    auth: {
      jwtSecret: env.JWT_SECRET,
      previousJwtSecrets: env.JWT_PREVIOUS_SECRETS,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL,
      throttle: defaultAuthSettings.throttle,
    },
    exposeInternalErrors: env.NODE_ENV !== "production",
    jobs,
    track: (work) => inFlight.track(work),
  };

  const createContext = noteWorkspace(createContextFactory(deps));
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
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
      methods: ["GET", "POST", "OPTIONS"],
      allowedHeaders: [
        "Authorization",
        "Content-Type",
        "Accept",
        "X-Request-Id",
        "trpc-accept",
        "Last-Event-Id",
      ],
      exposedHeaders: ["X-Request-Id"],
      maxAge: 3600,
    }),
  );

  if (env.METRICS_TOKEN) app.get("/metrics", metricsRoute(metrics.registry, env.METRICS_TOKEN));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await database.db.execute(sql`select 1`);
      res.json({ status: "ready", database: database.engine });
    } catch (error) {
      logger.warn({ err: error }, "readiness check failed");
      res.status(503).json({ status: "unavailable" });
    }
  });

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

  return app;
}
