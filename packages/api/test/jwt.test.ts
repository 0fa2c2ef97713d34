import { createHmac, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  keyId,
  newRefreshToken,
  signAccessToken,
  verifyAccessToken,
  type AccessSubject,
} from "../src/auth/tokens";
import { testAuth } from "./harness";

// Access tokens are checked without a database, so these are plain unit tests. Each hand-made
// token differs from a valid one in one respect only; the first test proves the valid one passes.

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

const subject: AccessSubject = {
  userId: randomUUID(),
  workspaceId: randomUUID(),
  sessionId: randomUUID(),
};

const validClaims = (): Record<string, unknown> => ({
  sub: subject.userId,
  sid: subject.sessionId,
  workspace_id: subject.workspaceId,
  type: "access",
  iat: now(),
  exp: now() + 60,
  jti: randomUUID(),
  iss: testAuth.issuer,
  aud: testAuth.audience,
});

const validHeader = () => ({ alg: "HS256", typ: "JWT", kid: keyId(testAuth.jwtSecret) });

/** A token signed by hand: HMAC-SHA256 with `secret` unless told to use no signature at all. */
function forge(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = validHeader(),
  secret: string | Buffer = testAuth.jwtSecret,
) {
  const signed = `${base64url(header)}.${base64url(claims)}`;
  return `${signed}.${createHmac("sha256", secret).update(signed).digest("base64url")}`;
}

const headerOf = (token: string): unknown =>
  JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString());

const verify = (token: string, settings = testAuth) => verifyAccessToken(settings, token);

function expectRejected(token: string, settings = testAuth) {
  const result = verify(token, settings);
  expect(result.ok).toBe(false);
  return result.ok ? "" : result.reason;
}

describe("access tokens", () => {
  it("accepts the tokens it signs (HS256, with the key's id), and a hand-made twin of one", () => {
    const token = signAccessToken(testAuth, subject);
    expect(headerOf(token)).toEqual(validHeader());
    const result = verify(token);
    expect(result.ok && result.claims).toMatchObject({
      sub: subject.userId,
      sid: subject.sessionId,
      workspace_id: subject.workspaceId,
    });
    expect(verify(forge(validClaims())).ok).toBe(true);
  });

  it("carries no email: a token that leaks into a log or a URL names no one", () => {
    const token = signAccessToken(testAuth, subject);
    const payload: unknown = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
    expect(Object.keys(payload as object).sort()).toEqual(
      ["aud", "exp", "iat", "iss", "jti", "sid", "sub", "type", "workspace_id"].sort(),
    );
  });

  it("rejects an unsigned token (alg: none)", () => {
    const [header, payload] = forge(validClaims(), { ...validHeader(), alg: "none" }).split(".");
    expectRejected(`${header}.${payload}.`);
  });

  it("rejects a token signed RS256, even with a valid key pair", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const signed = `${base64url({ ...validHeader(), alg: "RS256" })}.${base64url(validClaims())}`;
    const signature = sign("sha256", Buffer.from(signed), privateKey).toString("base64url");
    expectRejected(`${signed}.${signature}`);
  });

  it("rejects a token signed HS256 with an RSA public key as the HMAC secret", () => {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = publicKey.export({ type: "spki", format: "pem" });
    expectRejected(forge(validClaims(), validHeader(), pem));
  });

  it("rejects a token whose payload was changed after signing", () => {
    const [header, , signature] = signAccessToken(testAuth, subject).split(".");
    const altered = base64url({ ...validClaims(), sub: randomUUID() });
    expectRejected(`${header}.${altered}.${signature}`);
  });

  it("rejects an expired token, saying so", () => {
    const reason = expectRejected(forge({ ...validClaims(), iat: now() - 120, exp: now() - 60 }));
    expect(reason).toMatch(/expired/i);
  });

  it("rejects a token that is not valid yet (nbf in the future)", () => {
    expectRejected(forge({ ...validClaims(), nbf: now() + 60 }));
  });

  it("rejects a token for another audience", () => {
    expectRejected(forge({ ...validClaims(), aud: "some-other-api" }));
  });

  it("rejects a token from another issuer", () => {
    expectRejected(forge({ ...validClaims(), iss: "someone-else" }));
  });

  it("rejects a token without an expiry", () => {
    const claims = validClaims();
    delete claims.exp;
    expectRejected(forge(claims));
  });

  it("rejects a refresh token presented as an access token", () => {
    expectRejected(newRefreshToken().token);
  });

  it('rejects a correctly signed JWT of type "refresh"', () => {
    expectRejected(forge({ ...validClaims(), type: "refresh" }));
  });

  it("rejects a token with no kid or a kid it does not know, even when signed with its secret", () => {
    const { kid: _kid, ...withoutKid } = validHeader();
    expectRejected(forge(validClaims(), withoutKid));
    expectRejected(forge(validClaims(), { ...validHeader(), kid: "0123456789abcdef" }));
  });

  it("accepts a token signed with the previous secret only while that secret is listed, and signs with the new one", () => {
    const oldSecret = testAuth.jwtSecret;
    const newSecret = "the-new-secret-the-new-secret-the-new-1";
    const beforeRotation = signAccessToken(testAuth, subject);

    const rotating = { ...testAuth, jwtSecret: newSecret, previousJwtSecrets: [oldSecret] };
    expect(verify(beforeRotation, rotating).ok).toBe(true);
    const afterRotation = signAccessToken(rotating, subject);
    expect(headerOf(afterRotation)).toEqual({ alg: "HS256", typ: "JWT", kid: keyId(newSecret) });
    // Servers not yet given the new secret cannot read the new tokens.
    expectRejected(afterRotation, testAuth);

    const rotated = { ...testAuth, jwtSecret: newSecret, previousJwtSecrets: [] };
    expect(verify(afterRotation, rotated).ok).toBe(true);
    expectRejected(beforeRotation, rotated);
  });
});
