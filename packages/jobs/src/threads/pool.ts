import { availableParallelism } from "node:os";
import { createRequire as requireFrom } from "node:module";
import { pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { TransformError, type PipelineResult, type TransformInput } from "@transmute/transform";
import { Piscina } from "piscina";
import type { Step } from "../steps";
import type { ThreadOutcome, ThreadTask } from "./thread";

export const defaultTransformThreads = availableParallelism();

export interface RunOptions {
  /** Aborting it terminates the thread if the work has started: a spinning regex is not waited for. */
  signal: AbortSignal;
  progress: (percent: number) => void;
}

/** CPU-bound transformations on worker threads, so the thread serving HTTP and SSE never runs them. */
export interface TransformPool {
  run(steps: Step[], document: TransformInput, options: RunOptions): Promise<PipelineResult>;
  /** Ends the threads once the work handed to the pool so far is done. */
  close(): Promise<void>;
}

// From TypeScript source (tests, tsx), the thread needs the same loader as this process; the
// server's bundle (tsup) carries the thread as its own file beside itself.
const fromSource = import.meta.url.endsWith(".ts");
const defaultThreadFile = new URL(
  fromSource ? "./thread.ts" : "./transform-thread.js",
  import.meta.url,
);
const execArgv = fromSource
  ? ["--import", pathToFileURL(requireFrom(import.meta.url).resolve("tsx")).href]
  : undefined;

export interface PoolOptions {
  /** For tests, which give a thread that wraps the real one. */
  threadFile?: URL;
  /**
   * How far below the thread that serves requests the threads run in the scheduler's eyes
   * (Linux `nice`): with every core busy transforming, an API call still gets the CPU when it
   * needs it. Tests on a crowded machine set 0, lest other processes starve the threads.
   */
  niceIncrement?: number;
}

export function createTransformPool(
  threads: number,
  { threadFile = defaultThreadFile, niceIncrement = 10 }: PoolOptions = {},
): TransformPool {
  const pool = new Piscina<ThreadTask, ThreadOutcome>({
    filename: threadFile.href,
    execArgv,
    // One thread starts with the worker, so that the first job does not wait for it to load the
    // catalogue; more start as jobs need them, and end after a minute unused.
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: 60_000,
    niceIncrement,
  });
  return {
    async run(steps, document, { signal, progress }) {
      const channel = new MessageChannel();
      let done = false;
      // Only while the work runs: a message that arrives after the result is stale.
      channel.port1.on("message", (percent: number) => done || progress(percent));
      try {
        const outcome = await pool.run(
          { steps, document, progress: channel.port2 },
          { signal, transferList: [channel.port2] },
        );
        if (!outcome.ok) throw new TransformError(outcome.message, outcome.retryable);
        return outcome.result;
      } finally {
        done = true;
        channel.port1.close();
      }
    },
    close: () => pool.close(),
  };
}
