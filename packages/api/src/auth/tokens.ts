import { createHash, createSecretKey, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import { z } from "zod";
import type { AuthSettings } from "./settings";

// One algorithm, named on both sides: a token claiming `none` or RS256 is refused.
const ALGORITHM = "HS256";

/**
 * A short public name for a secret, sent as the token's `kid` so that verification can pick the
 * key during a rotation. It reveals nothing useful: the token's own HMAC already lets anyone test
 * guesses of the secret offline, which is why secrets must be long and random.
 */
export const keyId = (secret: string): string =>
  createHash("sha256").update(secret).digest("hex").slice(0, 16);

interface Keyring {
  signing: { id: string; key: KeyObject };
  byId: ReadonlyMap<string, KeyObject>;
}

/**
 * Given a string, jsonwebtoken first tries (and fails) to parse it as a public key on every
 * call; that thrown-and-caught error dominated the cost of a request. A KeyObject skips it.
 */
const keyrings = new WeakMap<AuthSettings, Keyring>();
function keyringFor(settings: AuthSettings): Keyring {
  let keyring = keyrings.get(settings);
  if (!keyring) {
    const byId = new Map<string, KeyObject>();
    for (const secret of [settings.jwtSecret, ...settings.previousJwtSecrets]) {
      byId.set(keyId(secret), createSecretKey(Buffer.from(secret, "utf8")));
    }
    const id = keyId(settings.jwtSecret);
    keyring = { signing: { id, key: byId.get(id)! }, byId };
    keyrings.set(settings, keyring);
  }
  return keyring;
}

const headerSchema = z.object({ kid: z.string() });

/** The `kid` from a token's header, read before anything is trusted, to choose the key. */
function keyIdOf(token: string): string | undefined {
  try {
    const header: unknown = JSON.parse(
      Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8"),
    );
    return headerSchema.safeParse(header).data?.kid;
  } catch {
    return undefined;
  }
}

const accessClaimsSchema = z.object({
  sub: z.uuid(),
  /** The refresh-token family: the sign-in session this token belongs to. */
  sid: z.uuid(),
  workspace_id: z.uuid(),
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
  workspaceId: string;
  sessionId: string;
}

export function signAccessToken(
  settings: AuthSettings,
  subject: AccessSubject,
  lifetimeSeconds: number = settings.accessTokenTtlSeconds,
): string {
  const { signing } = keyringFor(settings);
  return jwt.sign(
    {
      sid: subject.sessionId,
      workspace_id: subject.workspaceId,
      type: "access",
    },
    signing.key,
    {
      algorithm: ALGORITHM,
      keyid: signing.id,
      subject: subject.userId,
      issuer: settings.issuer,
      audience: settings.audience,
      expiresIn: lifetimeSeconds,
      jwtid: randomUUID(),
    },
  );
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: string };

export function verifyAccessToken(settings: AuthSettings, token: string): VerifyResult {
  const kid = keyIdOf(token);
  // No kid, or a key that was never ours or has been retired: nothing to verify against.
  const key = kid === undefined ? undefined : keyringFor(settings).byId.get(kid);
  if (!key) return { ok: false, reason: "Invalid access token" };
  let decoded: unknown;
  try {
    decoded = jwt.verify(token, key, {
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
