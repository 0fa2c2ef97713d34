// Runs inside a pool thread: one pipeline per task, never on the thread that serves HTTP.
import type { MessagePort } from "node:worker_threads";
import {
  runPipeline,
  TransformError,
  type PipelineResult,
  type TransformInput,
} from "@transmute/transform";
import type { Step } from "../steps";

export interface ThreadTask {
  steps: Step[];
  document: TransformInput;
  /** Progress (0..100) goes back on this port as the work advances. */
  progress: MessagePort;
}

/**
 * A TransformError crosses the thread boundary as data: structured cloning keeps an error's
 * message but not its class or `retryable`, which decide whether the job is retried.
 */
export type ThreadOutcome =
  { ok: true; result: PipelineResult } | { ok: false; message: string; retryable: boolean };

// The pool stops work by terminating the thread, so the pipeline's own signal never fires.
const never = new AbortController().signal;

/** Kinds report progress often; the worker writes it at most every 250 ms, so fewer messages do. */
const PROGRESS_MESSAGE_INTERVAL_MS = 100;

export default async function run({
  steps,
  document,
  progress,
}: ThreadTask): Promise<ThreadOutcome> {
  let last = 0;
  try {
    const result = await runPipeline(steps, document, {
      signal: never,
      progress: (percent) => {
        const now = Date.now();
        if (now - last < PROGRESS_MESSAGE_INTERVAL_MS) return;
        last = now;
        progress.postMessage(percent);
      },
    });
    return { ok: true, result };
  } catch (error) {
    if (error instanceof TransformError)
      return { ok: false, message: error.message, retryable: error.retryable };
    throw error;
  } finally {
    progress.close();
  }
}
