import { createHash, randomBytes } from "node:crypto";
import { apiKeys, eq, sql, workspaces, type ApiScope, type Database } from "@transmute/db";
import { TRPCError } from "./trpc";

/** Every key starts so: a bearer token that does is looked up as a key, never read as a JWT. */
const API_KEY_PREFIX = "tm_live_";
/** How much of the random part is kept in the clear, to tell keys apart in a list. */
const VISIBLE_CHARACTERS = 6;
/** `last_used_at` is written at most this often per key, so a busy key is not a write per call. */
const LAST_USED_RESOLUTION_SECONDS = 60;

export const looksLikeApiKey = (token: string): boolean => token.startsWith("tm_");

export const hashApiKey = (secret: string): string =>
  createHash("sha256").update(secret).digest("hex");

/** The secret goes to the admin once; the database keeps its hash and a short prefix. */
export function newApiKey(): { secret: string; hash: string; prefix: string } {
  const secret = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  return {
    secret,
    hash: hashApiKey(secret),
    prefix: secret.slice(0, API_KEY_PREFIX.length + VISIBLE_CHARACTERS),
  };
}

export type ApiKeyStatus = "active" | "revoked" | "expired";

/** What a client sees of a key: never its hash. The status uses the database's clock. */
export const apiKeyColumns = {
  id: apiKeys.id,
  workspaceId: apiKeys.workspaceId,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdBy: apiKeys.createdBy,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
  status: sql<ApiKeyStatus>`case
    when ${apiKeys.revokedAt} is not null then 'revoked'
    when ${apiKeys.expiresAt} <= now() then 'expired'
    else 'active' end`.as("status"),
};

export interface AuthenticatedKey {
  id: string;
  scopes: readonly ApiScope[];
  workspace: typeof workspaces.$inferSelect;
}

const staleSince = sql`${apiKeys.lastUsedAt} < now() - ${sql.raw(`interval '${LAST_USED_RESOLUTION_SECONDS} seconds'`)}`;

const refused = (message: string) => new TRPCError({ code: "UNAUTHORIZED", message });

/**
 * Finds the key by its hash (one indexed query, on the owner connection: the workspace is not
 * known until the key is found) on every call, so a revoked or expired key stops at once in every
 * server process. Stamps `last_used_at` when it is a minute old, with a conditional update, so
 * concurrent calls of one key write it once.
 */
export async function authenticateApiKey(db: Database, secret: string): Promise<AuthenticatedKey> {
  const [row] = await db
    .select({
      id: apiKeys.id,
      scopes: apiKeys.scopes,
      workspace: workspaces,
      revoked: sql<boolean>`${apiKeys.revokedAt} is not null`,
      expired: sql<boolean>`coalesce(${apiKeys.expiresAt} <= now(), false)`,
      stale: sql<boolean>`coalesce(${staleSince}, true)`,
    })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(eq(apiKeys.keyHash, hashApiKey(secret)));
  if (!row) throw refused("Invalid API key");
  if (row.revoked) throw refused("This API key has been revoked");
  if (row.expired) throw refused("This API key has expired");
  if (row.stale) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        sql`${apiKeys.workspaceId} = ${row.workspace.id} and ${apiKeys.id} = ${row.id}
            and coalesce(${staleSince}, true)`,
      );
  }
  return { id: row.id, scopes: row.scopes, workspace: row.workspace };
}
