import { z } from "zod";
import { boundedText } from "./input-text";
import { getTransform, type KindName, type ParamsOf } from "./catalogue";
import {
  outputFormatOf,
  TransformError,
  type DocumentFormat,
  type LlmSettings,
  type OutputFormat,
  type TransformContext,
  type TransformDefinition,
  type TransformInput,
  type TransformOutput,
} from "./types";

export const maxPipelineSteps = 8;

/** A validated step: `params` are the kind's parsed parameters, defaults filled in. */
export type PipelineStep = { [K in KindName]: { kind: K; params: ParamsOf<K> } }[KindName];

export interface PipelineStepResult {
  kind: string;
  outputFormat: OutputFormat;
  meta?: Record<string, unknown>;
  durationMs: number;
}

export interface PipelineResult {
  output: TransformOutput;
  steps: PipelineStepResult[];
}

export interface PipelineOptions {
  /** The document's format: when given, the first step must accept it. */
  inputFormat?: DocumentFormat;
  /** When given, kinds unavailable with these settings (an unconfigured LLM) are refused. */
  settings?: { llm?: LlmSettings };
}

const formatNames: Record<OutputFormat, string> = {
  markdown: "Markdown",
  html: "HTML",
  text: "plain text",
  json: "JSON",
};

function formatList(formats: Iterable<OutputFormat>): string {
  return [...formats].map((f) => formatNames[f]).join(" or ");
}

/**
 * The first step whose input cannot be what the steps before produce. Formats are tracked as
 * sets because without the document's format the first step may receive any it accepts.
 */
function chainProblem(
  definitions: readonly TransformDefinition[],
  inputFormat: DocumentFormat | undefined,
): { index: number; message: string } | undefined {
  let possible = new Set<OutputFormat>(inputFormat ? [inputFormat] : definitions[0]?.inputFormats);
  for (const [index, definition] of definitions.entries()) {
    const accepted = definition.inputFormats.filter((f) => possible.has(f));
    if (accepted.length === 0) {
      const source = index === 0 ? "The document is" : `Step ${index} produces`;
      return {
        index,
        message:
          `${source} ${formatList(possible)}, but step ${index + 1} (${definition.title}) ` +
          (definition.inputFormats.length > 0
            ? `takes ${formatList(definition.inputFormats)}`
            : "only runs on an uploaded file"),
      };
    }
    possible = new Set(accepted.map((f) => outputFormatOf(definition, f)));
  }
  return undefined;
}

const rawSteps = z
  .array(
    z.object({
      kind: boundedText(64),
      params: z.record(boundedText(64), z.unknown()).default({}),
    }),
  )
  .min(1, "Choose at least one transformation")
  .max(maxPipelineSteps, `A pipeline has at most ${maxPipelineSteps} steps`);

/**
 * Zod schema for a pipeline: known kinds, each step's parameters valid for its kind, formats
 * that chain. Issues point at `[step, "kind"]` or `[step, "params", ...field]`.
 */
export function pipelineSchema(options: PipelineOptions = {}) {
  return rawSteps.transform((steps, ctx) => {
    const definitions: TransformDefinition[] = [];
    const parsed: PipelineStep[] = [];
    steps.forEach((step, index) => {
      const definition = getTransform(step.kind);
      if (!definition) {
        ctx.addIssue({
          code: "custom",
          path: [index, "kind"],
          message: `Unknown kind "${step.kind}"`,
        });
        return;
      }
      const availability = options.settings && definition.availability?.(options.settings);
      if (availability && !availability.available) {
        ctx.addIssue({ code: "custom", path: [index, "kind"], message: availability.reason });
      }
      const result = definition.params.safeParse(step.params);
      if (!result.success) {
        for (const issue of result.error.issues) {
          ctx.addIssue({
            code: "custom",
            path: [index, "params", ...issue.path],
            message: issue.message,
          });
        }
        return;
      }
      definitions.push(definition);
      parsed.push({ kind: step.kind, params: result.data } as PipelineStep);
    });
    if (definitions.length === steps.length) {
      const problem = chainProblem(definitions, options.inputFormat);
      if (problem)
        ctx.addIssue({ code: "custom", path: [problem.index, "kind"], message: problem.message });
    }
    return parsed;
  });
}

/** For the API: typed steps, or a ZodError naming every problem. */
export function parsePipeline(raw: unknown, options: PipelineOptions = {}) {
  return pipelineSchema(options).safeParse(raw);
}

/**
 * Runs the steps in order, each one's output feeding the next. Everything is checked before the
 * first step starts (kinds, parameters, availability, the chain of formats), so an invalid
 * pipeline fails at once with a non-retryable error instead of after minutes of work.
 */
export async function runPipeline(
  steps: readonly { kind: string; params?: unknown }[],
  input: TransformInput,
  context: TransformContext,
): Promise<PipelineResult> {
  const parsed = parsePipeline(steps, { inputFormat: input.format, settings: context });
  if (!parsed.success) {
    throw new TransformError(z.prettifyError(parsed.error), false, { cause: parsed.error });
  }
  const count = parsed.data.length;
  const results: PipelineStepResult[] = [];
  let current: TransformInput = input;
  let output: TransformOutput = input;

  for (const [index, step] of parsed.data.entries()) {
    context.signal.throwIfAborted();
    const definition = getTransform(step.kind) as TransformDefinition;
    const stepContext: TransformContext = {
      ...context,
      progress: (percent) =>
        context.progress(((index + Math.min(Math.max(percent, 0), 100) / 100) / count) * 100),
    };
    const started = performance.now();
    try {
      output = await definition.run(current, step.params, stepContext);
    } catch (error) {
      if (error instanceof TransformError && count > 1) {
        throw new TransformError(
          `Step ${index + 1} (${definition.title}): ${error.message}`,
          error.retryable,
          { cause: error },
        );
      }
      throw error;
    }
    results.push({
      kind: step.kind,
      outputFormat: output.format,
      ...(output.meta ? { meta: output.meta } : {}),
      durationMs: Math.round(performance.now() - started),
    });
    stepContext.progress(100);
    if (index < count - 1) {
      // The chain check ruled this out; reaching it means a kind broke its declared format.
      if (output.format === "json") throw new Error(`${step.kind} produced JSON mid-pipeline`);
      current = { content: output.content, format: output.format };
    }
  }
  return { output, steps: results };
}
