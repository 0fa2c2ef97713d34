import type { TransmuteClient } from "./client";
import type { RouterOutputs } from "./router";

export type Transformation = RouterOutputs["transformation"]["get"];
export type TransformationStatus = Transformation["status"];

/** Where a transformation ends: it changes no more after one of these. */
export const terminalStatuses: readonly TransformationStatus[] = [
  "succeeded",
  "failed",
  "canceled",
];

export const isTerminal = (status: TransformationStatus) => terminalStatuses.includes(status);

export interface WaitOptions {
  /** Stops waiting (the promise rejects with the signal's reason); the transformation runs on. */
  signal?: AbortSignal;
  /** Told of every status or progress (0–100) change seen, starting with the current one. */
  onProgress?: (update: { status: TransformationStatus; progress: number }) => void;
  /**
   * How often to look again with `transformation.get` while waiting, in ms (default 5000): the
   * live events are the fast path, this is the safety net should the event stream drop out.
   */
  pollIntervalMs?: number;
}

/**
 * Resolves with the transformation (output included) once it has succeeded, failed or been
 * canceled; at once if it already has. Follows `transformation.onChange` for its document.
 * Rejects if the transformation is not found, or on the signal.
 */
export async function waitForTransformation(
  client: TransmuteClient,
  id: string,
  { signal, onProgress, pollIntervalMs = 5000 }: WaitOptions = {},
): Promise<Transformation> {
  signal?.throwIfAborted();
  const first = await client.transformation.get.query({ id }, { signal });
  onProgress?.({ status: first.status, progress: first.progress });
  if (isTerminal(first.status)) return first;

  return new Promise<Transformation>((resolve, reject) => {
    let done = false;
    const stop = new AbortController();
    let last = { status: first.status, progress: first.progress };
    const report = (update: { status: TransformationStatus; progress: number }) => {
      if (update.status === last.status && update.progress === last.progress) return;
      last = { status: update.status, progress: update.progress };
      onProgress?.(last);
    };
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      stop.abort();
      signal?.removeEventListener("abort", abort);
      outcome();
    };
    const fail = (error: unknown) =>
      finish(() => reject(error instanceof Error ? error : new Error(String(error))));
    // A fresh read, both as the final answer (the events carry no output) and to catch an end
    // that happened before the subscription was listening.
    const check = () => {
      client.transformation.get.query({ id }, { signal }).then((row) => {
        if (done) return;
        report(row);
        if (isTerminal(row.status)) finish(() => resolve(row));
      }, fail);
    };
    const abort = () => fail(signal!.reason);
    const poll = setInterval(check, pollIntervalMs);
    signal?.addEventListener("abort", abort, { once: true });

    client.transformation.onChange.subscribe(
      { documentId: first.documentId },
      {
        signal: stop.signal,
        onStarted: check,
        onData: ({ data: event }) => {
          if (event.transformationId !== id) return;
          report(event);
          if (isTerminal(event.status)) check();
        },
        onError: fail,
      },
    );
  });
}
