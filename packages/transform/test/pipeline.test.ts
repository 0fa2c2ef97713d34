import { describe, expect, it } from "vitest";
import {
  catalogue,
  maxPipelineSteps,
  parsePipeline,
  runPipeline,
  TransformError,
  type ThreadResult,
} from "../src/index";
import { fixture, makeContext } from "./support/context";

describe("runPipeline", () => {
  it("runs html-to-markdown → summarize → social-thread end to end", async () => {
    const { content: html } = await catalogue["markdown-to-html"].run(
      { content: fixture("article.md"), format: "markdown" },
      {},
      makeContext(),
    );
    const context = makeContext();
    const result = await runPipeline(
      [
        { kind: "html-to-markdown" },
        { kind: "summarize", params: { sentences: 6 } },
        { kind: "social-thread", params: { platform: "bluesky" } },
      ],
      { content: html, format: "html" },
      context,
    );

    expect(result.steps.map((s) => [s.kind, s.outputFormat])).toEqual([
      ["html-to-markdown", "markdown"],
      ["summarize", "text"],
      ["social-thread", "json"],
    ]);
    expect(result.steps[1]?.meta).toMatchObject({ sentences: 6 });
    for (const step of result.steps) expect(step.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.output.format).toBe("json");
    const { posts } = JSON.parse(result.output.content) as ThreadResult;
    expect(posts.length).toBeGreaterThan(1);
    for (const post of posts)
      expect([...new Intl.Segmenter().segment(post)].length).toBeLessThanOrEqual(300);
    expect(posts.join(" ")).toMatch(/payment|job|retr/i);

    // Progress is spread over the steps: it only grows, passes each third, and ends at 100.
    expect(context.reported).toEqual([...context.reported].sort((a, b) => a - b));
    expect(context.reported.some((p) => p > 0 && p < 100 / 3)).toBe(true);
    expect(context.reported.some((p) => Math.abs(p - 100 / 3) < 1e-9)).toBe(true);
    expect(context.reported.at(-1)).toBe(100);
  });

  it("rejects a chain whose formats do not fit before running anything", async () => {
    const context = makeContext();
    const error: unknown = await runPipeline(
      [{ kind: "summarize" }, { kind: "keywords" }, { kind: "markdown-to-html" }],
      { content: fixture("article.md"), format: "markdown" },
      context,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransformError);
    expect((error as TransformError).retryable).toBe(false);
    expect((error as TransformError).message).toMatch(
      /Step 2 produces JSON, but step 3 \(Markdown to HTML\) takes Markdown/,
    );
    expect(context.reported).toEqual([]);
  });

  it("checks the first step against the document's format", async () => {
    await expect(
      runPipeline(
        [{ kind: "markdown-to-html" }],
        { content: "plain", format: "text" },
        makeContext(),
      ),
    ).rejects.toThrow(/The document is plain text, but step 1 \(Markdown to HTML\) takes Markdown/);
  });

  it("refuses kinds that are unavailable with the context's settings", async () => {
    await expect(
      runPipeline([{ kind: "llm-rewrite" }], { content: "Hi.", format: "text" }, makeContext()),
    ).rejects.toThrow(/LLM is not configured/);
  });

  it("keeps a kind's own error and retryability, naming the step", async () => {
    const llm = { baseUrl: "http://127.0.0.1:9/v1", model: "unused", timeoutMs: 1_000 };
    const error: unknown = await runPipeline(
      [{ kind: "to-plain-text" }, { kind: "llm-rewrite" }],
      { content: "<p> </p>", format: "html" },
      makeContext({ llm }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransformError);
    expect((error as TransformError).message).toBe(
      "Step 2 (Rewrite with AI): There is no text to rewrite",
    );
    expect((error as TransformError).retryable).toBe(false);
  });

  it("stops between steps when cancelled", async () => {
    const controller = new AbortController();
    const context = makeContext({ signal: controller.signal });
    context.progress = (percent) => {
      context.reported.push(percent);
      if (percent >= 50) controller.abort(new Error("cancelled"));
    };
    await expect(
      runPipeline(
        [{ kind: "to-plain-text" }, { kind: "stats" }],
        { content: "Some text.", format: "text" },
        context,
      ),
    ).rejects.toThrow("cancelled");
    expect(Math.max(...context.reported)).toBeLessThanOrEqual(75);
  });
});

describe("parsePipeline", () => {
  it("returns typed steps with defaults filled in", () => {
    const parsed = parsePipeline([
      { kind: "markdown-to-html" },
      { kind: "html-to-markdown", params: {} },
      { kind: "summarize", params: { sentences: 2 } },
      { kind: "social-thread" },
    ]);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual([
      { kind: "markdown-to-html", params: {} },
      { kind: "html-to-markdown", params: {} },
      { kind: "summarize", params: { sentences: 2 } },
      { kind: "social-thread", params: { platform: "x", numbering: true } },
    ]);
    const step = parsed.data?.[2];
    if (step?.kind === "summarize") expect(step.params.sentences + 1).toBe(3);
  });

  it("reports every problem with a path the form can show", () => {
    const parsed = parsePipeline(
      [
        { kind: "no-such-kind" },
        { kind: "summarize", params: { sentences: 99 } },
        { kind: "redact", params: { terms: ["x".repeat(101)] } },
        { kind: "llm-rewrite" },
      ],
      { settings: {} },
    );
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["0.kind", 'Unknown kind "no-such-kind"'],
        ["1.params.sentences", expect.stringMatching(/20/)],
        ["2.params.terms.0", expect.stringMatching(/100/)],
        ["3.kind", "LLM is not configured (set LLM_BASE_URL and LLM_MODEL)"],
      ]),
    );
  });

  it("bounds the number of steps and keeps uploads out of pipelines", () => {
    expect(parsePipeline([]).success).toBe(false);
    const many = Array.from({ length: maxPipelineSteps + 1 }, () => ({ kind: "to-plain-text" }));
    expect(parsePipeline(many).success).toBe(false);
    expect(parsePipeline(many.slice(1)).success).toBe(true);
    const upload = parsePipeline([{ kind: "docx-import" }]);
    expect(upload.error?.issues[0]?.message).toMatch(/only runs on an uploaded file/);
  });

  it("without the document's format, accepts a chain that some format could run", () => {
    expect(parsePipeline([{ kind: "redact" }, { kind: "markdown-to-html" }]).success).toBe(true);
    expect(
      parsePipeline([{ kind: "redact" }, { kind: "markdown-to-html" }], { inputFormat: "html" })
        .success,
    ).toBe(false);
  });
});
