import { alias } from "drizzle-orm/pg-core";
import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import { newId, refreshSessions, sql, type Database } from "@transmute/db";
import type { Client } from "../context";
import type { AuthSettings } from "./settings";
import { hashRefreshToken, newRefreshToken, signAccessToken } from "./tokens";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** When the access token stops working; clients refresh shortly before. */
  accessTokenExpiresAt: Date;
}

/** A sign-in: one refresh-token family, which ends at a fixed time however often it rotates. */
export interface SessionFamily {
  id: string;
  expiresAt: Date;
}

export const newSessionFamily = (settings: AuthSettings): SessionFamily => ({
  id: newId(),
  expiresAt: new Date(Date.now() + settings.refreshTokenTtlSeconds * 1000),
});

export interface TokenSubject {
  userId: string;
  workspaceId: string;
}

/** Issues an access token and the next refresh token of a family (a new sign-in by default). */
export async function issueTokens(
  db: Database,
  settings: AuthSettings,
  subject: TokenSubject,
  client: Client,
  family: SessionFamily = newSessionFamily(settings),
): Promise<TokenPair> {
  const { token, hash } = newRefreshToken();
  await db.insert(refreshSessions).values({
    familyId: family.id,
    userId: subject.userId,
    workspaceId: subject.workspaceId,
    tokenHash: hash,
    expiresAt: family.expiresAt,
    ip: client.ip,
    userAgent: client.userAgent,
  });
  // An access token never outlives its session.
  const secondsLeft = Math.floor((family.expiresAt.getTime() - Date.now()) / 1000);
  const lifetime = Math.max(1, Math.min(settings.accessTokenTtlSeconds, secondsLeft));
  return {
    accessToken: signAccessToken(settings, { ...subject, sessionId: family.id }, lifetime),
    refreshToken: token,
    accessTokenExpiresAt: new Date(Date.now() + lifetime * 1000),
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

/** A family's refresh token that is neither spent, revoked nor expired: the session goes on. */
const live = () =>
  and(
    isNull(refreshSessions.usedAt),
    isNull(refreshSessions.revokedAt),
    gt(refreshSessions.expiresAt, new Date()),
  );

/**
 * Moves a session to another workspace: its refresh token stays the one the client holds (and
 * refreshes into the new workspace), and the access tokens issued for the old one stop working.
 * Nothing is issued here that could outlive the access token asking for the move. False when the
 * session has ended.
 */
export async function moveSession(
  db: Database,
  userId: string,
  familyId: string,
  workspaceId: string,
): Promise<boolean> {
  const moved = await db
    .update(refreshSessions)
    .set({ workspaceId })
    .where(and(eq(refreshSessions.familyId, familyId), eq(refreshSessions.userId, userId), live()))
    .returning({ id: refreshSessions.id });
  return moved.length > 0;
}

/** A user's ongoing sessions, the most recently active first. */
export async function listSessions(db: Database, userId: string) {
  const family = alias(refreshSessions, "family");
  return db
    .select({
      id: refreshSessions.familyId,
      /** When the user signed in. */
      createdAt: sql<Date>`min(${family.createdAt})`.mapWith(family.createdAt),
      /** When its current refresh token was issued: the last sign-in or refresh. */
      lastUsedAt: refreshSessions.createdAt,
      expiresAt: refreshSessions.expiresAt,
      ip: refreshSessions.ip,
      userAgent: refreshSessions.userAgent,
    })
    .from(refreshSessions)
    .innerJoin(family, eq(family.familyId, refreshSessions.familyId))
    .where(and(eq(refreshSessions.userId, userId), live()))
    .groupBy(refreshSessions.id)
    .orderBy(desc(refreshSessions.createdAt));
}

export async function revokeFamily(db: Database, familyId: string): Promise<void> {
  await db
    .update(refreshSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshSessions.familyId, familyId), isNull(refreshSessions.revokedAt)));
}

/** Ends one of the user's sessions; false when they have no such session still open. */
export async function endSession(db: Database, userId: string, familyId: string): Promise<boolean> {
  const revoked = await db
    .update(refreshSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(refreshSessions.familyId, familyId),
        eq(refreshSessions.userId, userId),
        isNull(refreshSessions.revokedAt),
      ),
    )
    .returning({ id: refreshSessions.id });
  return revoked.length > 0;
}

/** Ends every session of the user but one; returns how many were still open. */
export async function endOtherSessions(
  db: Database,
  userId: string,
  keepFamilyId: string,
): Promise<number> {
  const revoked = await db
    .update(refreshSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(refreshSessions.userId, userId),
        ne(refreshSessions.familyId, keepFamilyId),
        isNull(refreshSessions.revokedAt),
        gt(refreshSessions.expiresAt, new Date()),
      ),
    )
    .returning({ familyId: refreshSessions.familyId, usedAt: refreshSessions.usedAt });
  return new Set(revoked.filter((row) => row.usedAt === null).map((row) => row.familyId)).size;
}

export async function revokeByToken(db: Database, token: string): Promise<void> {
  const [row] = await db
    .select({ familyId: refreshSessions.familyId })
    .from(refreshSessions)
    .where(eq(refreshSessions.tokenHash, hashRefreshToken(token)));
  if (row) await revokeFamily(db, row.familyId);
}
