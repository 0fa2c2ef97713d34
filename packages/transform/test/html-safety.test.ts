import { afterAll, beforeAll, describe, it } from "vitest";
import {
  catalogue,
  importDocx,
  outputFormatOf,
  runPipeline,
  type DocumentFormat,
  type TransformDefinition,
} from "../src/index";
import { fixture, makeContext } from "./support/context";
import { buildDocx } from "./support/docx";
import { expectNothingExecutable } from "./support/html-safety";
import { startFakeLlm, type FakeLlm } from "./support/llm-server";

const hostileMarkdown = [
  "# Title <img src=x onerror=alert(1)>",
  "",
  "<script>alert('md')</script><iframe src=https://evil.example></iframe>",
  "",
  "[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,<script>alert(1)</script>)",
  "![d](javascript:alert(2)) <a href='javascript:alert(3)' onclick='x()'>e</a>",
  "",
  "| <span onmouseover=alert(4)>cell</span> |",
  "| --- |",
  "| <style>*{}</style> |",
].join("\n");

const inputs: Record<DocumentFormat, string[]> = {
  html: [fixture("messy.html.txt")],
  markdown: [hostileMarkdown, fixture("article.md")],
  text: ['<script>alert("text")</script> <img src=x onerror=alert(1)>'],
};

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

describe("no HTML output carries anything executable", () => {
  // Every kind that can produce HTML, on hostile input in every format it takes: new kinds are
  // covered as soon as they are in the catalogue.
  for (const definition of Object.values<TransformDefinition>(catalogue)) {
    for (const format of definition.inputFormats) {
      if (outputFormatOf(definition, format) !== "html") continue;
      it(`${definition.name} from ${format}`, async () => {
        const context = makeContext({
          llm: { baseUrl: llm.baseUrl, model: "echo", timeoutMs: 2_000 },
        });
        for (const content of inputs[format]) {
          llm.next.push({ type: "echo" });
          const output = await definition.run(
            { content, format },
            definition.params.parse({}),
            context,
          );
          expectNothingExecutable(output.content);
        }
      });
    }
  }

  it("docx import", async () => {
    expectNothingExecutable((await importDocx(await buildDocx())).html);
  });

  it("a pipeline that goes HTML → Markdown → HTML", async () => {
    const { output } = await runPipeline(
      [{ kind: "html-to-markdown" }, { kind: "redact" }, { kind: "markdown-to-html" }],
      { content: fixture("messy.html.txt"), format: "html" },
      makeContext(),
    );
    expectNothingExecutable(output.content);
  });
});
