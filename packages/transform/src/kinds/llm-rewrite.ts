import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import { z } from "zod";
import { boundedText } from "../input-text";
import { lazy } from "../lazy";
import { sanitizeHtml } from "../text/html";
import {
  TransformError,
  type DocumentFormat,
  type LlmSettings,
  type TransformContext,
  type TransformDefinition,
} from "../types";

export const llmNotConfigured = "LLM is not configured (set LLM_BASE_URL and LLM_MODEL)";

const tones = [
  "neutral",
  "formal",
  "casual",
  "friendly",
  "professional",
  "confident",
  "persuasive",
  "academic",
] as const;

const lengths = {
  shorter: { words: "Make it clearly shorter, about 60% of the original length.", ratio: 0.6 },
  same: { words: "Keep about the original length.", ratio: 1 },
  longer: { words: "Expand it to about 150% of the original length.", ratio: 1.5 },
} as const;

const formats: Record<DocumentFormat, string> = {
  markdown:
    "The document is Markdown. Answer in Markdown, keeping its structure: headings, lists, " +
    "tables, links and code blocks.",
  html:
    "The document is an HTML fragment. Answer with an HTML fragment, keeping its elements and " +
    "attributes and changing only the text.",
  text: "The document is plain text. Answer in plain text without any markup.",
};

const params = z.strictObject({
  tone: z.enum(tones).default("neutral").describe("Voice of the rewritten text"),
  length: z
    .enum(["shorter", "same", "longer"])
    .default("same")
    .describe("Length of the rewrite compared with the original"),
  targetLanguage: boundedText(35)
    .trim()
    .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, "Use a language tag such as fr or pt-BR")
    .optional()
    .describe("Language to write in, as a BCP 47 tag (fr, pt-BR); the original's when not set"),
  instruction: boundedText(2000)
    .trim()
    .optional()
    .describe("Anything else the rewrite should do, in plain words"),
});

type Params = z.output<typeof params>;

function messages(input: string, format: DocumentFormat, p: Params): ChatCompletionMessageParam[] {
  const system = [
    "You rewrite documents. Reply with the rewritten document only: no preface, no comments, " +
      "no code fence around it.",
    formats[format],
    `Tone: ${p.tone}.`,
    lengths[p.length].words,
    p.targetLanguage
      ? `Write it in the language with BCP 47 tag "${p.targetLanguage}".`
      : "Write it in the document's own language.",
    "Keep facts, names, numbers, links and code exactly as they are.",
    ...(p.instruction ? [`The user also asks: ${p.instruction}`] : []),
  ].join("\n");
  return [
    { role: "system", content: system },
    { role: "user", content: input },
  ];
}

/** Transient on the provider's side, so the job system may try again later. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

const sdk = lazy(async () => {
  const [openai, { Stream }] = await Promise.all([import("openai"), import("openai/streaming")]);
  return { ...openai, Stream };
});
type Sdk = Awaited<ReturnType<typeof sdk>>;

function toTransformError(
  { APIConnectionError, APIConnectionTimeoutError, APIError }: Sdk,
  error: unknown,
): unknown {
  if (error instanceof APIConnectionTimeoutError) {
    return new TransformError("The language model did not answer in time", true, { cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new TransformError("The language model could not be reached", true, { cause: error });
  }
  if (error instanceof APIError) {
    if (typeof error.status !== "number") {
      // An error event in the middle of a stream: the provider failed while answering.
      return new TransformError("The language model failed while answering", true, {
        cause: error,
      });
    }
    const detail = error.message.slice(0, 300);
    return retryableStatus(error.status)
      ? new TransformError(`The language model is unavailable (${detail})`, true, { cause: error })
      : new TransformError(`The language model refused the request (${detail})`, false, {
          cause: error,
        });
  }
  if (error instanceof SyntaxError) {
    return new TransformError("The language model's answer could not be read", true, {
      cause: error,
    });
  }
  return error;
}

/**
 * One chat completion. Streaming is requested so progress can follow the tokens, but an
 * OpenAI-compatible server that ignores `stream` and answers with JSON works too. Retries are
 * the job system's, so the SDK makes one attempt; one deadline covers connecting and the whole
 * answer, since a stream can stall after its headers.
 */
async function complete(
  llm: LlmSettings,
  request: ChatCompletionMessageParam[],
  expectedLength: number,
  context: TransformContext,
): Promise<string> {
  const openai = await sdk();
  const deadline = AbortSignal.timeout(llm.timeoutMs);
  const signal = AbortSignal.any([context.signal, deadline]);
  const client = new openai.OpenAI({
    baseURL: llm.baseUrl,
    // Local OpenAI-compatible servers take no key, but the SDK insists on one.
    apiKey: llm.apiKey ?? "unused",
    timeout: llm.timeoutMs,
    maxRetries: 0,
  });
  try {
    const response = await client.chat.completions
      .create({ model: llm.model, messages: request, stream: true }, { signal })
      .asResponse();
    if (response.headers.get("content-type")?.includes("application/json")) {
      const body = (await response.json()) as ChatCompletion;
      return body.choices[0]?.message.content ?? "";
    }
    const controller = new AbortController();
    signal.addEventListener("abort", () => controller.abort(), { once: true });
    let text = "";
    const stream = openai.Stream.fromSSEResponse<ChatCompletionChunk>(response, controller);
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      context.progress(5 + 90 * Math.min(1, text.length / expectedLength));
    }
    return text;
  } catch (error) {
    context.signal.throwIfAborted();
    if (deadline.aborted) {
      throw new TransformError(
        `The language model did not finish within ${Math.round(llm.timeoutMs / 1000)} s`,
        true,
        { cause: error },
      );
    }
    throw toTransformError(openai, error);
  }
}

const wholeFence = /^\s*```[\w-]*\n([\s\S]*?)\n```\s*$/;

export const llmRewriteKind: TransformDefinition<typeof params> = {
  name: "llm-rewrite",
  title: "Rewrite with AI",
  description:
    "Rewrites the document with a language model: change its tone or length, translate it, " +
    "or follow your own instruction. The result keeps the document's format.",
  inputFormats: ["markdown", "html", "text"],
  outputFormat: "text",
  keepsInputFormat: true,
  params,
  availability(settings) {
    return settings.llm ? { available: true } : { available: false, reason: llmNotConfigured };
  },
  async run(input, params, context) {
    if (!context.llm) throw new TransformError(llmNotConfigured, false);
    if (!input.content.trim()) throw new TransformError("There is no text to rewrite", false);
    context.progress(5);
    const expected = Math.max(1, input.content.length * lengths[params.length].ratio);
    let text = await complete(
      context.llm,
      messages(input.content, input.format, params),
      expected,
      context,
    );
    // Models often wrap their whole answer in a code fence despite being told not to.
    const fenced = wholeFence.exec(text);
    if (fenced?.[1] !== undefined && !wholeFence.test(input.content)) text = fenced[1];
    if (!text.trim()) throw new TransformError("The language model returned an empty answer", true);
    const content = input.format === "html" ? sanitizeHtml(text) : text.trim();
    return { content, format: input.format, meta: { model: context.llm.model } };
  },
};
