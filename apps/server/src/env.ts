import { defaultAuthSettings } from "@transmute/api";
import { defaultPool } from "@transmute/db";
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
    PGLITE_DIR: z.string().optional(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(defaultPool.max),
    DB_IDLE_TIMEOUT: seconds.default(defaultPool.idleTimeout),
    DB_MAX_LIFETIME: seconds.default(defaultPool.maxLifetime),
    DB_CONNECT_TIMEOUT: seconds.default(defaultPool.connectTimeout),
    MIGRATIONS_DIR: z.string().optional(),
    JWT_SECRET: z
      .string()
      .min(32, "JWT_SECRET must be at least 32 characters")
      .default(DEVELOPMENT_JWT_SECRET),
    JWT_ISSUER: z.string().default(defaultAuthSettings.issuer),
    JWT_AUDIENCE: z.string().default(defaultAuthSettings.audience),
    ACCESS_TOKEN_TTL: seconds.default(defaultAuthSettings.accessTokenTtlSeconds),
    REFRESH_TOKEN_TTL: seconds.default(defaultAuthSettings.refreshTokenTtlSeconds),
    CORS_ORIGINS: list.default(["http://localhost:5173"]),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(5 * 1024 * 1024),
    MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(25),
    SHUTDOWN_TIMEOUT: seconds.default(10),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
  })
  .refine((env) => env.NODE_ENV !== "production" || env.JWT_SECRET !== DEVELOPMENT_JWT_SECRET, {
    message: "JWT_SECRET must be set in production (the development default is public)",
    path: ["JWT_SECRET"],
  });

export type Env = z.infer<typeof envSchema>;

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
