/**
 * An answer that is not the API's: a proxy's or load balancer's error page, or a server that is
 * not Transmute at that URL. Thrown by the client's fetch so the status is not lost in a JSON
 * parse error; `TRPCClientError.cause` carries it.
 */
export class HttpStatusError extends Error {
  override readonly name = "HttpStatusError";
  constructor(
    readonly status: number,
    statusText: string,
    url: string,
  ) {
    super(`${new URL(url).origin} answered HTTP ${status} ${statusText}`.trim());
  }
}

/** No complete answer within the client's `timeoutMs`. */
export class RequestTimeoutError extends Error {
  override readonly name = "RequestTimeoutError";
  constructor(
    readonly timeoutMs: number,
    url: string,
  ) {
    super(`No answer from ${new URL(url).origin} within ${timeoutMs} ms`);
  }
}
