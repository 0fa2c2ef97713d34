import { defaultAuthSettings, defaultRateLimits } from "@transmute/api";
import { CLIENT_BATCH_SIZE } from "@transmute/api/limits";
import { defaultPool } from "@transmute/db";
import { defaultJobSettings, type JobSettings } from "@transmute/jobs";
import { z } from "zod";

export const DEVELOPMENT_JWT_SECRET = "development-secret-change-me-development-secret";

const seconds = z.coerce.number().int().positive();
const list = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().default("0.0.0.0"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_LISTEN_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_OWNER_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    PGLITE_DIR: z.string().optional(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(defaultPool.max),
    DB_IDLE_TIMEOUT: seconds.default(defaultPool.idleTimeout),
    DB_MAX_LIFETIME: seconds.default(defaultPool.maxLifetime),
    DB_CONNECT_TIMEOUT: seconds.default(defaultPool.connectTimeout),
    DB_PREPARE: z
      .enum(["true", "false"])
      .default(defaultPool.prepare ? "true" : "false")
      .transform((value) => value === "true"),
    MIGRATIONS_DIR: z.string().optional(),
    JWT_SECRET: z
      .string()
      .min(32, "JWT_SECRET must be at least 32 characters")
      .default(DEVELOPMENT_JWT_SECRET),
    JWT_PREVIOUS_SECRETS: list
      .pipe(z.array(z.string().min(32, "Each secret must be at least 32 characters")))
      .default([]),
    JWT_ISSUER: z.string().default(defaultAuthSettings.issuer),
    JWT_AUDIENCE: z.string().default(defaultAuthSettings.audience),
    ACCESS_TOKEN_TTL: seconds.default(defaultAuthSettings.accessTokenTtlSeconds),
    REFRESH_TOKEN_TTL: seconds.default(defaultAuthSettings.refreshTokenTtlSeconds),
    CORS_ORIGINS: list.default(["http://localhost:5173"]),
    REGISTRATIONS_PER_IP: z.coerce
      .number()
      .int()
      .min(1)
      .default(defaultAuthSettings.throttle.registrationsPerIp),
    // Only these may say who the client is (X-Forwarded-For); anyone else could pick their own
    // address for throttling, audit and session lists.
    TRUSTED_PROXIES: list
      .pipe(
        z.array(
          z.union(
            [
              z.ipv4(),
              z.ipv6(),
              z.cidrv4(),
              z.cidrv6(),
              z.enum(["loopback", "linklocal", "uniquelocal"]),
            ],
            {
              error:
                "Each entry must be an IP address, a CIDR range, or loopback, linklocal, uniquelocal",
            },
          ),
        ),
      )
      .default([]),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(5 * 1024 * 1024),
    // The clients batch up to CLIENT_BATCH_SIZE calls; a lower limit would break them.
    MAX_BATCH_SIZE: z.coerce
      .number()
      .int()
      .min(
        CLIENT_BATCH_SIZE,
        `MAX_BATCH_SIZE must be at least ${CLIENT_BATCH_SIZE}, the batch size of the clients`,
      )
      .max(1000)
      .default(CLIENT_BATCH_SIZE),
    SHUTDOWN_TIMEOUT: seconds.default(10),
    SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).max(60).default(1),
    JOB_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(20),
    DB_STARTUP_TIMEOUT: seconds.default(60),
    RATE_LIMIT_PER_CALLER: z.coerce.number().int().min(1).default(defaultRateLimits.perCaller),
    RATE_LIMIT_PER_WORKSPACE: z.coerce
      .number()
      .int()
      .min(1)
      .default(defaultRateLimits.perWorkspace),
    RATE_LIMIT_WINDOW_SECONDS: seconds.default(defaultRateLimits.windowSeconds),
    WORKER_ENABLED: z
      .enum(["true", "false"])
      .default("true")
      .transform((value) => value === "true"),
    WORKER_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(defaultJobSettings.concurrency),
    TRANSFORM_THREADS: z.coerce.number().int().min(1).max(64).default(defaultJobSettings.threads),
    JOB_TIMEOUT_SECONDS: seconds.default(defaultJobSettings.timeoutSeconds),
    JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(defaultJobSettings.retryLimit),
    JOB_RETRY_DELAY_SECONDS: seconds.default(defaultJobSettings.retryDelaySeconds),
    JOB_SUPERVISE_INTERVAL_SECONDS: seconds.default(defaultJobSettings.superviseIntervalSeconds),
    MAX_QUEUED_PER_WORKSPACE: z.coerce
      .number()
      .int()
      .min(1)
      .default(defaultJobSettings.maxQueuedPerWorkspace),
    LLM_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    LLM_MODEL: z.string().min(1).optional(),
    LLM_API_KEY: z.string().min(1).optional(),
    LLM_TIMEOUT_SECONDS: seconds.default(60),
    WEBHOOK_TIMEOUT_SECONDS: seconds.default(defaultJobSettings.webhooks.timeoutSeconds),
    WEBHOOK_MAX_ATTEMPTS: z.coerce
      .number()
      .int()
      .min(1)
      .max(20)
      .default(defaultJobSettings.webhooks.maxAttempts),
    WEBHOOK_RETRY_DELAY_SECONDS: seconds.default(defaultJobSettings.webhooks.retryDelaySeconds),
    // Unset: allowed outside production, refused in it (see webhookAllowPrivate).
    WEBHOOK_ALLOW_PRIVATE: z
      .enum(["true", "false"])
      .transform((value) => value === "true")
      .optional(),
    // Metrics are off unless a port (its own listener) or a token (on the API port) is set.
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    METRICS_HOST: z.string().default("127.0.0.1"),
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    METRICS_SAMPLE_SECONDS: z.coerce.number().min(0).default(10),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
  })
  .refine((env) => Boolean(env.LLM_BASE_URL) === Boolean(env.LLM_MODEL), {
    message: "LLM_BASE_URL and LLM_MODEL go together: set both to enable llm-rewrite, or neither",
    path: ["LLM_MODEL"],
  })
  .refine((env) => !env.DATABASE_OWNER_URL || env.DATABASE_URL, {
    message: "DATABASE_OWNER_URL sets up the database DATABASE_URL names: set DATABASE_URL too",
    path: ["DATABASE_URL"],
  })
  .refine((env) => env.NODE_ENV !== "production" || env.JWT_SECRET !== DEVELOPMENT_JWT_SECRET, {
    message: "JWT_SECRET must be set in production (the development default is public)",
    path: ["JWT_SECRET"],
  })
  .refine(
    (env) =>
      env.NODE_ENV !== "production" || !env.JWT_PREVIOUS_SECRETS.includes(DEVELOPMENT_JWT_SECRET),
    {
      message: "JWT_PREVIOUS_SECRETS must not list the public development secret in production",
      path: ["JWT_PREVIOUS_SECRETS"],
    },
  );

export type Env = z.infer<typeof envSchema>;

export const jobSettingsFrom = (env: Env): JobSettings => ({
  concurrency: env.WORKER_CONCURRENCY,
  threads: env.TRANSFORM_THREADS,
  timeoutSeconds: env.JOB_TIMEOUT_SECONDS,
  retryLimit: env.JOB_RETRY_LIMIT,
  retryDelaySeconds: env.JOB_RETRY_DELAY_SECONDS,
  superviseIntervalSeconds: env.JOB_SUPERVISE_INTERVAL_SECONDS,
  maxQueuedPerWorkspace: env.MAX_QUEUED_PER_WORKSPACE,
  llm:
    env.LLM_BASE_URL && env.LLM_MODEL
      ? {
          baseUrl: env.LLM_BASE_URL,
          model: env.LLM_MODEL,
          apiKey: env.LLM_API_KEY,
          timeoutMs: env.LLM_TIMEOUT_SECONDS * 1000,
        }
      : undefined,
  webhooks: {
    timeoutSeconds: env.WEBHOOK_TIMEOUT_SECONDS,
    maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    retryDelaySeconds: env.WEBHOOK_RETRY_DELAY_SECONDS,
    allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE ?? env.NODE_ENV !== "production",
  },
});

/** Parses the environment or returns a message that names every bad variable. */
export function parseEnv(
  source: NodeJS.ProcessEnv,
): { ok: true; env: Env } | { ok: false; message: string } {
  // An empty variable means unset, as in most shells' `FOO= cmd`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return { ok: true, env: result.data };
  const lines = result.error.issues.map(
    (issue) => `  ${issue.path.join(".") || "env"}: ${issue.message}`,
  );
  return { ok: false, message: `Invalid configuration:\n${lines.join("\n")}` };
}
