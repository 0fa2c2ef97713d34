import { z } from "zod";

/** The ingest service's configuration: where Transmute is, how to sign in, what to run. */
const envSchema = z
  .object({
    TRANSMUTE_URL: z.url({ protocol: /^https?$/ }),
    /** A workspace API key (`tm_live_…`); or TRANSMUTE_TOKEN, an access token. */
    TRANSMUTE_API_KEY: z.string().min(1).optional(),
    TRANSMUTE_TOKEN: z.string().min(1).optional(),
    /** Folder to watch; unset: HTTP only. */
    INGEST_DIR: z.string().min(1).optional(),
    /** The transformation kind every document goes through (see `transmute kinds`). */
    INGEST_KIND: z.string().min(1).default("markdown-to-html"),
    INGEST_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  })
  .refine((env) => Boolean(env.TRANSMUTE_API_KEY) !== Boolean(env.TRANSMUTE_TOKEN), {
    message: "Set exactly one of TRANSMUTE_API_KEY and TRANSMUTE_TOKEN",
    path: ["TRANSMUTE_API_KEY"],
  });

export type IngestEnv = z.infer<typeof envSchema>;

/** Parses the environment or returns a message that names every bad variable. */
export function parseIngestEnv(
  source: Record<string, string | undefined>,
): { ok: true; env: IngestEnv } | { ok: false; message: string } {
  // An empty variable means unset, as in most shells' `FOO= cmd`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return { ok: true, env: result.data };
  const lines = result.error.issues.map(
    (issue) => `  ${issue.path.join(".") || "env"}: ${issue.message}`,
  );
  return { ok: false, message: `Invalid configuration:\n${lines.join("\n")}` };
}
