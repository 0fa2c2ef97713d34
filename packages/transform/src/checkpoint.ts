import { setImmediate } from "node:timers/promises";
import type { TransformContext } from "./types";

/**
 * Between the CPU-bound steps of a kind: report progress, then yield to the event loop so that
 * an abort (a cancel from another request, a timer) can arrive and the worker's other I/O can
 * run, then stop if the job was cancelled.
 */
export async function checkpoint(context: TransformContext, percent: number): Promise<void> {
  context.progress(percent);
  await setImmediate();
  context.signal.throwIfAborted();
}
