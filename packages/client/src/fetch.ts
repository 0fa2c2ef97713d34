import { HttpStatusError, RequestTimeoutError } from "./errors";

/**
 * fetch with a deadline per HTTP request (a batch is one request), which also turns an answer
 * that is not the API's into an HttpStatusError. The API always answers JSON, errors included.
 */
export function fetchWithTimeout(timeoutMs: number, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      const response = await base(input, { ...init, signal });
      const json = response.headers.get("content-type")?.includes("application/json");
      if (!response.ok && !json) {
        await response.body?.cancel();
        throw new HttpStatusError(response.status, response.statusText, url);
      }
      // Read the body here, under the deadline, so a server that stalls mid-answer times out too.
      const body = await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (deadline.aborted && !init?.signal?.aborted) throw new RequestTimeoutError(timeoutMs, url);
      throw error;
    }
  };
}
