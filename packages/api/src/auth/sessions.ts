import { and, eq, isNull } from "drizzle-orm";
import { newId, refreshSessions, type Database } from "@transmute/db";
import type { AuthSettings } from "./settings";
import { hashRefreshToken, newRefreshToken, signAccessToken, type AccessSubject } from "./tokens";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** When the access token stops working; clients refresh shortly before. */
  accessTokenExpiresAt: Date;
}

/** Issues an access token and a refresh token, the latter starting or continuing a family. */
export async function issueTokens(
  db: Database,
  settings: AuthSettings,
  subject: AccessSubject,
  familyId: string = newId(),
): Promise<TokenPair> {
  const { token, hash } = newRefreshToken();
  await db.insert(refreshSessions).values({
    familyId,
    userId: subject.userId,
    workspaceId: subject.workspaceId,
    tokenHash: hash,
    expiresAt: new Date(Date.now() + settings.refreshTokenTtlSeconds * 1000),
  });
  return {
    accessToken: signAccessToken(settings, subject),
    refreshToken: token,
    accessTokenExpiresAt: new Date(Date.now() + settings.accessTokenTtlSeconds * 1000),
  };
}

export type RotateResult =
  | { ok: true; session: typeof refreshSessions.$inferSelect }
  | { ok: false; reason: "unknown" | "expired" | "revoked" | "reused" };

/**
 * Spends a refresh token. The update is conditional on `used_at is null`, so of two concurrent
 * uses exactly one wins; the loser, like any replay, revokes the whole family.
 */
export async function spendRefreshToken(db: Database, token: string): Promise<RotateResult> {
  const tokenHash = hashRefreshToken(token);
  const [spent] = await db
    .update(refreshSessions)
    .set({ usedAt: new Date() })
    .where(and(eq(refreshSessions.tokenHash, tokenHash), isNull(refreshSessions.usedAt)))
    .returning();
  if (spent) {
    if (spent.revokedAt) return { ok: false, reason: "revoked" };
    if (spent.expiresAt <= new Date()) return { ok: false, reason: "expired" };
    return { ok: true, session: spent };
  }
  const [known] = await db
    .select({ familyId: refreshSessions.familyId })
    .from(refreshSessions)
    .where(eq(refreshSessions.tokenHash, tokenHash));
  if (!known) return { ok: false, reason: "unknown" };
  await revokeFamily(db, known.familyId);
  return { ok: false, reason: "reused" };
}

export async function revokeFamily(db: Database, familyId: string): Promise<void> {
  await db
    .update(refreshSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshSessions.familyId, familyId), isNull(refreshSessions.revokedAt)));
}

export async function revokeByToken(db: Database, token: string): Promise<void> {
  const [row] = await db
    .select({ familyId: refreshSessions.familyId })
    .from(refreshSessions)
    .where(eq(refreshSessions.tokenHash, hashRefreshToken(token)));
  if (row) await revokeFamily(db, row.familyId);
}
