import { createHash, createSecretKey, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import { z } from "zod";
import type { AuthSettings } from "./settings";

// One algorithm, named on both sides: a token claiming `none` or RS256 is refused.
const ALGORITHM = "HS256";

/**
 * Given a string, jsonwebtoken first tries (and fails) to parse it as a public key on every
 * call; that thrown-and-caught error dominated the cost of a request. A KeyObject skips it.
 */
const keys = new WeakMap<AuthSettings, KeyObject>();
const keyFor = (settings: AuthSettings): KeyObject => {
  let key = keys.get(settings);
  if (!key) keys.set(settings, (key = createSecretKey(Buffer.from(settings.jwtSecret, "utf8"))));
  return key;
};

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
    keyFor(settings),
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
    decoded = jwt.verify(token, keyFor(settings), {
      algorithms: [ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
    });
  } catch (error) {
    return {
      ok: false,
      reason:
        error instanceof jwt.TokenExpiredError ? "Access token expired" : "Invalid access token",
    };
  }
  const claims = accessClaimsSchema.safeParse(decoded);
  return claims.success
    ? { ok: true, claims: claims.data }
    : { ok: false, reason: "Not an access token" };
}

/** Refresh tokens are opaque random strings; the database keeps only their SHA-256. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashRefreshToken(token) };
}

export const hashRefreshToken = (token: string): string =>
  createHash("sha256").update(token).digest("hex");
