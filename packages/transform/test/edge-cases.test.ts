import { describe, expect, it } from "vitest";
import {
  catalogue,
  TransformError,
  type DocumentFormat,
  type TransformInput,
  type TransformDefinition,
} from "../src/index";
import { makeContext } from "./support/context";

const llm = { baseUrl: "http://127.0.0.1:9/v1", model: "unused", timeoutMs: 1_000 };

/** Every kind, every format it takes: a result or a TransformError, never anything else. */
async function outcome(definition: TransformDefinition, content: string, format: DocumentFormat) {
  try {
    const output = await definition.run(
      { content, format },
      definition.params.parse({}),
      makeContext({ llm }),
    );
    expect(typeof output.content).toBe("string");
    if (output.format === "json") expect(() => JSON.parse(output.content) as unknown).not.toThrow();
    return output;
  } catch (error) {
    expect(error, `${definition.name} on ${format}`).toBeInstanceOf(TransformError);
    return error as TransformError;
  }
}

describe("edge cases across all kinds", () => {
  const runnable = Object.values<TransformDefinition>(catalogue).filter((d) => !d.upload);

  for (const content of ["", "   \n\n\t ", "<p></p>", "# \n\n---\n"]) {
    it(`handles ${JSON.stringify(content)} in every kind and format`, async () => {
      for (const definition of runnable) {
        for (const format of definition.inputFormats) {
          await outcome(definition, content, format);
        }
      }
    });
  }

  it("refuses HTML nested deeper than the tree libraries can walk, with a clear error", async () => {
    // llm-rewrite needs a model first; the HTML it gets back goes through the same parser.
    const parsing = runnable.filter((d) => d.inputFormats.includes("html") && !d.availability);
    for (const definition of parsing) {
      for (const depth of [1_500, 20_000]) {
        const content = `${"<div>".repeat(depth)}deep`;
        const error = (await outcome(definition, content, "html")) as TransformError;
        expect(error, definition.name).toBeInstanceOf(TransformError);
        expect(error.message).toMatch(/more than 1000 levels deep/);
      }
    }
  });

  it("gives clear empty results where emptiness has a meaning", async () => {
    const empty = { content: "", format: "text" as const };
    const markdown = { content: "", format: "markdown" as const };
    const run = (name: keyof typeof catalogue, input: TransformInput = empty) => {
      const definition = catalogue[name] as TransformDefinition;
      return definition.run(input, definition.params.parse({}), makeContext({ llm }));
    };
    expect((await run("markdown-to-html", markdown)).content).toBe("");
    expect((await run("to-plain-text")).content).toBe("");
    expect(await run("summarize")).toMatchObject({ content: "", meta: { sentences: 0 } });
    expect(JSON.parse((await run("keywords")).content)).toEqual({ keywords: [], keyphrases: [] });
    expect(JSON.parse((await run("outline", markdown)).content)).toEqual({
      outline: [],
      markdown: "",
    });
    expect(JSON.parse((await run("stats")).content)).toMatchObject({
      words: 0,
      sentences: 0,
      paragraphs: 0,
      characters: 0,
      readingTimeMinutes: 0,
      fleschReadingEase: null,
      language: "und",
    });
    expect(JSON.parse((await run("social-thread")).content)).toEqual({ posts: [] });
    expect(await run("redact")).toMatchObject({ content: "", meta: { total: 0 } });
    await expect(run("llm-rewrite")).rejects.toMatchObject({
      name: "TransformError",
      retryable: false,
      message: "There is no text to rewrite",
    });
  });
});

describe("cancellation", () => {
  it("every kind stops on an aborted signal with its reason", async () => {
    const controller = new AbortController();
    controller.abort(new Error("job cancelled"));
    for (const definition of Object.values<TransformDefinition>(catalogue)) {
      for (const format of definition.inputFormats) {
        await expect(
          definition.run(
            { content: "Some text. More text.", format },
            definition.params.parse({}),
            makeContext({ llm, signal: controller.signal }),
          ),
          `${definition.name} on ${format}`,
        ).rejects.toThrow("job cancelled");
      }
    }
  });
});

describe("right-to-left text and emoji through the conversions", () => {
  const html =
    '<article dir="rtl" lang="ar"><h2>مقدمة عن المشروع</h2><p>هذا <strong>نص عربي</strong> مع رمز 👨‍👩‍👧 ورابط <a href="https://example.com/ar">هنا</a>.</p>' +
    '<p dir="rtl" lang="he">וזו פסקה בעברית עם אימוג׳י 🏳️‍🌈.</p></article>';

  it("keeps the text, direction and emoji intact", async () => {
    const context = makeContext();
    const markdown = await catalogue["html-to-markdown"].run(
      { content: html, format: "html" },
      {},
      context,
    );
    expect(markdown.content).toContain("## مقدمة عن المشروع");
    expect(markdown.content).toContain(
      "هذا **نص عربي** مع رمز 👨‍👩‍👧 ورابط [هنا](https://example.com/ar).",
    );
    expect(markdown.content).toContain("וזו פסקה בעברית עם אימוג׳י 🏳️‍🌈.");

    const back = await catalogue["markdown-to-html"].run(
      { content: markdown.content, format: "markdown" },
      {},
      context,
    );
    expect(back.content).toContain("<h2>مقدمة عن المشروع</h2>");

    const text = await catalogue["to-plain-text"].run(
      { content: html, format: "html" },
      {},
      context,
    );
    expect(text.content).toBe(
      "مقدمة عن المشروع\n\nهذا نص عربي مع رمز 👨‍👩‍👧 ورابط هنا.\n\nוזו פסקה בעברית עם אימוג׳י 🏳️‍🌈.",
    );
  });

  it("gives Arabic headings readable anchors", async () => {
    const output = await catalogue.outline.run(
      { content: html, format: "html" },
      {},
      makeContext(),
    );
    expect(JSON.parse(output.content)).toMatchObject({
      outline: [{ depth: 2, text: "مقدمة عن المشروع", slug: "مقدمة-عن-المشروع" }],
    });
  });
});
