import type { z } from "zod";

export type DocumentFormat = "markdown" | "html" | "text";

/** `json` carries structured results (keywords, outline, stats, thread, redaction report). */
export type OutputFormat = DocumentFormat | "json";

export interface TransformInput {
  content: string;
  format: DocumentFormat;
}

export interface TransformOutput {
  content: string;
  format: OutputFormat;
  /** Small structured facts for the UI, e.g. counts. */
  meta?: Record<string, unknown>;
}

export interface LlmSettings {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export interface TransformContext {
  /** Honour it: checked between steps and passed to network calls. */
  signal: AbortSignal;
  /** 0..100, called as work advances; may be called often, callers throttle. */
  progress(percent: number): void;
  /** Present when an LLM endpoint is configured. */
  llm?: LlmSettings;
}

export type Availability = { available: true } | { available: false; reason: string };

export interface TransformDefinition<P extends z.ZodType = z.ZodType> {
  /** Kebab-case kind, e.g. "markdown-to-html". */
  name: string;
  title: string;
  description: string;
  /** Empty for kinds that start from an upload rather than a document (see `upload`). */
  inputFormats: readonly DocumentFormat[];
  outputFormat: OutputFormat;
  /**
   * True when the output has the input's format (redaction, rewriting); `outputFormat` is then
   * only what a plain-text input gives. Use `outputFormatOf` for a given input.
   */
  keepsInputFormat?: boolean;
  /**
   * True when the kind's input is a file the API receives, not a stored document, so it has
   * its own entry point and cannot appear in a pipeline.
   */
  upload?: boolean;
  /** Zod schema with defaults; every field is described and bounded so a form can render it. */
  params: P;
  availability?(settings: { llm?: LlmSettings }): Availability;
  run(
    input: TransformInput,
    params: z.output<P>,
    context: TransformContext,
  ): Promise<TransformOutput>;
}

/**
 * A failure whose message is safe to show to the user. `retryable` is true for transient causes
 * (LLM 5xx, timeouts, network) and false for input that will never succeed.
 */
export class TransformError extends Error {
  override name = "TransformError";

  constructor(
    message: string,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The format a kind produces from a given input format. */
export function outputFormatOf(
  definition: TransformDefinition,
  input: DocumentFormat,
): OutputFormat {
  return definition.keepsInputFormat ? input : definition.outputFormat;
}
