/**
 * Errors that say the database cannot serve right now, rather than that the statement was wrong:
 * the connection failed or was dropped (postgres.js codes and Node socket errors), the server is
 * shutting down, starting or out of resources, or it refuses writes (a read-only server or
 * standby). Callers answer these with "try again shortly" instead of an internal error.
 */
const driverCodes = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** SQLSTATEs by class or exact code. */
const unavailableStates = [
  /^08/, // connection exception
  /^53/, // insufficient resources (disk full, out of memory, too many connections)
  /^57P0[1-5]$/, // admin or crash shutdown, cannot connect now, database dropped, idle timeout
  /^58/, // system error (I/O)
  /^25006$/, // read-only SQL transaction
];

export function isDatabaseUnavailable(error: unknown): boolean {
  // Drizzle and tRPC wrap the driver's error; the cause chain leads to it.
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    if (typeof current !== "object") return false;
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string") {
      if (driverCodes.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && unavailableStates.some((state) => state.test(code)))
        return true;
    }
    current = cause;
  }
  return false;
}
