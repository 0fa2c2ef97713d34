import { readFileSync } from "node:fs";
import type { LlmSettings, TransformContext } from "../../src/index";

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
}

export interface RecordingContext extends TransformContext {
  reported: number[];
}

/** A context that records every progress report. */
export function makeContext(
  options: { llm?: LlmSettings; signal?: AbortSignal } = {},
): RecordingContext {
  const reported: number[] = [];
  return {
    signal: options.signal ?? new AbortController().signal,
    progress: (percent) => reported.push(percent),
    ...(options.llm ? { llm: options.llm } : {}),
    reported,
  };
}
