import { findApiKeyByHash, queryRows, sql, type Database } from "@transmute/db";
import { hashApiKey, looksLikeApiKey } from "./api-keys";
import type { AuthSettings } from "./auth/settings";
import { verifyAccessToken } from "./auth/tokens";

export interface RateLimitSettings {
  /** Requests per window for one API key (or one person in one workspace). */
  perCaller: number;
  /** Requests per window for one workspace, all its keys and people together. */
  perWorkspace: number;
  windowSeconds: number;
}

export const defaultRateLimits: RateLimitSettings = {
  perCaller: 600,
  perWorkspace: 1200,
  windowSeconds: 60,
};

export interface RateLimitState {
  /** The tighter of the two limits that applied. */
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the counts start again. */
  resetSeconds: number;
  exceeded: boolean;
}

/** The caller's and its workspace's buckets, or null for a request that is not signed. */
async function bucketsOf(
  db: Database,
  auth: AuthSettings,
  bearer: string,
): Promise<[string, string] | null> {
  if (looksLikeApiKey(bearer)) {
    // Through the lookup that may see keys before their workspace is known (docs/security.md).
    const key = await findApiKeyByHash(db, hashApiKey(bearer));
    return key ? [`key:${key.id}`, `workspace:${key.workspace.id}`] : null;
  }
  const verified = verifyAccessToken(auth, bearer);
  if (!verified.ok) return null;
  const { sub, workspace_id: workspaceId } = verified.claims;
  return [`user:${sub}:${workspaceId}`, `workspace:${workspaceId}`];
}

/**
 * Counts one request against the caller's and the workspace's limits, in fixed windows, with
 * one upsert for both buckets: atomic, so concurrent requests on any number of server processes
 * are each counted once. A request without a valid credential is not counted here (the API
 * refuses it; sign-in has its own throttle).
 */
export async function countRequest(
  db: Database,
  auth: AuthSettings,
  settings: RateLimitSettings,
  bearer: string,
): Promise<RateLimitState | null> {
  const buckets = await bucketsOf(db, auth, bearer);
  if (!buckets) return null;
  const window = settings.windowSeconds;
  const windowStart = sql`to_timestamp(floor(extract(epoch from now()) / ${window}) * ${window})`;
  const rows = await queryRows<{ bucket: string; hits: number; reset: number }>(
    db,
    sql`
    insert into rate_limits as r (bucket, window_start, hits)
    values (${buckets[0]}, ${windowStart}, 1), (${buckets[1]}, ${windowStart}, 1)
    on conflict (bucket) do update set
      hits = case when r.window_start = excluded.window_start then r.hits + 1 else 1 end,
      window_start = excluded.window_start
    returning bucket, hits,
      ceil(extract(epoch from window_start) + ${window} - extract(epoch from now()))::int as reset`,
  );
  const hits = new Map(rows.map((row) => [row.bucket, Number(row.hits)]));
  const caller = settings.perCaller - hits.get(buckets[0])!;
  const workspace = settings.perWorkspace - hits.get(buckets[1])!;
  const tighter =
    caller <= workspace
      ? { limit: settings.perCaller, remaining: caller }
      : { limit: settings.perWorkspace, remaining: workspace };
  return {
    ...tighter,
    remaining: Math.max(0, tighter.remaining),
    resetSeconds: Math.max(1, Number(rows[0]!.reset)),
    exceeded: tighter.remaining < 0,
  };
}
