/** How failed sign-ins are throttled; see throttle.ts. */
export interface ThrottleLimits {
  /** Failures on one account within the window before it is locked. */
  accountFailures: number;
  /** Failures from one IP address within the window before it is locked. */
  ipFailures: number;
  /** Counting starts over after this long without a failure or a lock. */
  windowSeconds: number;
  /** The first lock; each further failure doubles it, up to `maxLockSeconds`. */
  baseLockSeconds: number;
  maxLockSeconds: number;
}

export interface AuthSettings {
  /** Signs new access tokens (HS256); at least 32 characters. */
  jwtSecret: string;
  /** Earlier signing secrets, still accepted when verifying while their tokens run out. */
  previousJwtSecrets: readonly string[];
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  /** How long a sign-in lasts, however often its refresh token is rotated. */
  refreshTokenTtlSeconds: number;
  throttle: ThrottleLimits;
}

export const defaultThrottleLimits: ThrottleLimits = {
  accountFailures: 5,
  ipFailures: 20,
  windowSeconds: 15 * 60,
  baseLockSeconds: 60,
  maxLockSeconds: 15 * 60,
};

export const defaultAuthSettings: Omit<AuthSettings, "jwtSecret"> = {
  previousJwtSecrets: [],
  issuer: "transmute",
  audience: "transmute-api",
  accessTokenTtlSeconds: 15 * 60,
  refreshTokenTtlSeconds: 30 * 24 * 60 * 60,
  throttle: defaultThrottleLimits,
};
