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
import { rateLimit } from "./rate-limit";
import { restRoutes } from "./rest";

export interface AppOptions {
  env: Env;
  database: DatabaseHandle;
  logger: Logger;
  inFlight: InFlight;
  jobs: ApiDeps["jobs"];
}

export function createApp({ env, database, logger, inFlight, jobs }: AppOptions) {
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

  const createContext = createContextFactory(deps);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  app.use(
    pinoHttp({
      logger,
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
      // A request tRPC cannot read (an oversized batch, a bad content type) is answered with a
      // JSON error that tRPC leaves unlabelled, so clients would take it for a proxy's page.
      responseMeta: ({ info, errors }) =>
        !info && errors.length > 0 ? { headers: { "content-type": "application/json" } } : {},
      onError({ error, path, req }) {
        if (error.code === "INTERNAL_SERVER_ERROR")
          req.log.error({ err: error, path }, "procedure failed");
      },
    }),
  );

  app.use(restRoutes(createContext, env.BODY_LIMIT_BYTES));

  return app;
}
