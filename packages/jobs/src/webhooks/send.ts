import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import type { ResolvedTarget } from "./address-policy";

/** How much of a receiver's answer is kept with the attempt. */
export const RESPONSE_BODY_LIMIT = 1024;

export interface WebhookResponse {
  status: number;
  /** The first RESPONSE_BODY_LIMIT bytes, as text. */
  body: string;
}

/** Connects to the address that was checked, whatever the name resolves to by now. */
const pinnedLookup =
  (pinned: NonNullable<ResolvedTarget["pinned"]>): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };

/**
 * POSTs the body and resolves with the status and the start of the answer, or rejects on a
 * connection error or when `timeoutMs` passes first. Redirects are not followed: a 3xx is an
 * answer like any other, and not a success.
 */
export function postWebhook(
  target: ResolvedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<WebhookResponse> {
  const { url, pinned } = target;
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`No answer within ${timeoutMs / 1000} seconds`)),
    timeoutMs,
  );
  return new Promise<WebhookResponse>((resolve, reject) => {
    const fail = (error: Error) =>
      reject(controller.signal.aborted ? (controller.signal.reason as Error) : error);
    const request = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        signal: controller.signal,
        lookup: pinned ? pinnedLookup(pinned) : undefined,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const finish = () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString("utf8"),
          });
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          kept += chunk.length;
          // Enough to show; the rest of a large answer is not worth waiting for.
          if (kept >= RESPONSE_BODY_LIMIT) {
            finish();
            response.destroy();
          }
        });
        response.on("end", finish);
        response.on("error", fail);
      },
    );
    request.on("error", fail);
    request.end(body);
  }).finally(() => clearTimeout(timer));
}
