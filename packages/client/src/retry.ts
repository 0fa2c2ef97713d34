import { TRPCClientError, type Operation } from "@trpc/client";
import { HttpStatusError } from "./errors";
import { repeatable } from "./idempotency";

/** Gateway answers that mean "not now": the request may well succeed if sent again. */
const transientStatuses = new Set([502, 503, 504]);

/**
 * Queries are retried, and creates with an idempotency key (the client gives them one): sending
 * either twice does the work once. Any other mutation whose answer was lost may have happened;
 * sending it again could do it twice. Timeouts and the caller's own aborts are final, or a
 * timeout would multiply.
 */
export function shouldRetry(op: Operation, error: unknown): boolean {
  if (!repeatable(op)) return false;
  if (!(error instanceof TRPCClientError)) return false;
  const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
  if (status !== undefined) return transientStatuses.has(status);
  const cause: unknown = error.cause;
  if (cause instanceof HttpStatusError) return transientStatuses.has(cause.status);
  // fetch rejects with a TypeError when no answer came at all: refused, reset, DNS failure.
  return cause instanceof TypeError;
}

/** Exponential backoff, jittered so that many clients do not retry in lockstep. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
