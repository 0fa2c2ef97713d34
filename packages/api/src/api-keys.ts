import { createHash, randomBytes } from "node:crypto";
import type { workspaces } from "@transmute/db";
import { apiKeys, findApiKeyByHash, sql, type ApiScope, type Database } from "@transmute/db";
import { TRPCError } from "./trpc";

/** Every key starts so: a bearer token that does is looked up as a key, never read as a JWT. */
const API_KEY_PREFIX = "tm_live_";
/** How much of the random part is kept in the clear, to tell keys apart in a list. */
const VISIBLE_CHARACTERS = 6;

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

const refused = (message: string) => new TRPCError({ code: "UNAUTHORIZED", message });

/**
 * Finds the key by its hash on every call (one statement, through the function that may look
 * across workspaces before the key's is known), so a revoked or expired key stops at once in
 * every server process. The same statement stamps `last_used_at` when it is a minute old, so a
 * busy key is not a write per call.
 */
export async function authenticateApiKey(db: Database, secret: string): Promise<AuthenticatedKey> {
  const row = await findApiKeyByHash(db, hashApiKey(secret));
  if (!row) throw refused("Invalid API key");
  if (row.revoked) throw refused("This API key has been revoked");
  if (row.expired) throw refused("This API key has expired");
  return { id: row.id, scopes: row.scopes as ApiScope[], workspace: row.workspace };
}
