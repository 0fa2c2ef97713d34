/** How failed sign-ins are throttled; see throttle.ts. */
export interface ThrottleLimits {
  /** Failures on one account from one address within the window before that pair is locked. */
  accountFailures: number;
  /**
   * Failures on one account from addresses it never signed in from, before those are locked out
   * of it (for a minute, doubling): slows guessing spread over many addresses.
   */
  accountWideFailures: number;
  /** Sign-ups from one address within the window before it must wait. */
  registrationsPerIp: number;
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
  accountWideFailures: 10,
  registrationsPerIp: 10,
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
