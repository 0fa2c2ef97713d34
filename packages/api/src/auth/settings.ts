export interface AuthSettings {
  /** HMAC secret for access tokens (HS256); at least 32 characters. */
  jwtSecret: string;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

export const defaultAuthSettings = {
  issuer: "transmute",
  audience: "transmute-api",
  accessTokenTtlSeconds: 15 * 60,
  refreshTokenTtlSeconds: 30 * 24 * 60 * 60,
} satisfies Omit<AuthSettings, "jwtSecret">;
