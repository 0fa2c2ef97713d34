import { createHash, randomBytes, randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { z } from "zod";
import type { AuthSettings } from "./settings";

// One algorithm, named on both sides: a token claiming `none` or RS256 is refused.
const ALGORITHM = "HS256";

const accessClaimsSchema = z.object({
  sub: z.uuid(),
  workspace_id: z.uuid(),
  email: z.string(),
  type: z.literal("access"),
  iat: z.number(),
  exp: z.number(),
  jti: z.string(),
  iss: z.string(),
  aud: z.string(),
});
export type AccessClaims = z.infer<typeof accessClaimsSchema>;

export interface AccessSubject {
  userId: string;
  email: string;
  workspaceId: string;
}

export function signAccessToken(settings: AuthSettings, subject: AccessSubject): string {
  return jwt.sign(
    { workspace_id: subject.workspaceId, email: subject.email, type: "access" },
    settings.jwtSecret,
    {
      algorithm: ALGORITHM,
      subject: subject.userId,
      issuer: settings.issuer,
      audience: settings.audience,
      expiresIn: settings.accessTokenTtlSeconds,
      jwtid: randomUUID(),
    },
  );
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: string };

export function verifyAccessToken(settings: AuthSettings, token: string): VerifyResult {
  let decoded: unknown;
  try {
    decoded = jwt.verify(token, settings.jwtSecret, {
      algorithms: [ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
    });
  } catch (error) {
    return {
      ok: false,
      reason: error instanceof jwt.TokenExpiredError ? "Access token expired" : "Invalid access token",
    };
  }
  const claims = accessClaimsSchema.safeParse(decoded);
  return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: "Not an access token" };
}

/** Refresh tokens are opaque random strings; the database keeps only their SHA-256. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashRefreshToken(token) };
}

export const hashRefreshToken = (token: string): string =>
  createHash("sha256").update(token).digest("hex");
