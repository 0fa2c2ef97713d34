import { TRPCError } from "@trpc/server";

/** The cause of a TOO_MANY_REQUESTS that knows when trying again will work. */
class RetryAt extends Error {
  constructor(readonly at: Date) {
    super(`retry at ${at.toISOString()}`);
  }
}

/** For a refusal without a known end (a full queue): soon, but not at once. */
const DEFAULT_RETRY_SECONDS = 10;

export const tooManyRequests = (message: string, retryAt?: Date) =>
  new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message,
    cause: retryAt ? new RetryAt(retryAt) : undefined,
  });

/** Seconds until a refused call may be tried again, for the `Retry-After` header of a 429. */
export function retryAfterSeconds(error: TRPCError): number {
  if (!(error.cause instanceof RetryAt)) return DEFAULT_RETRY_SECONDS;
  return Math.max(1, Math.ceil((error.cause.at.getTime() - Date.now()) / 1000));
}
