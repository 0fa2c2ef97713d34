import { describe, expect, it } from "vitest";
import { catalogue } from "../src/index";
import { fixture, makeContext } from "./support/context";
import { expectNothingExecutable } from "./support/html-safety";

const article = fixture("article.md");

const toHtml = async (markdown: string) =>
  (
    await catalogue["markdown-to-html"].run(
      { content: markdown, format: "markdown" },
      {},
      makeContext(),
    )
  ).content;
const toMarkdown = async (html: string) =>
  (await catalogue["html-to-markdown"].run({ content: html, format: "html" }, {}, makeContext()))
    .content;
const messy = fixture("messy.html.txt");

describe("markdown-to-html", () => {
  it("renders GitHub-flavoured Markdown: tables, task lists, footnotes, code, links", async () => {
    const context = makeContext();
    const { content, format } = await catalogue["markdown-to-html"].run(
      { content: article, format: "markdown" },
      {},
      context,
    );
    expect(format).toBe("html");
    expect(content).toContain(
      "<h1>Moving a Ten-Year-Old Monolith to Background Jobs Without Losing a Single Order</h1>",
    );
    expect(content.match(/<table>/g)).toHaveLength(2);
    expect(content).toContain('<th align="center">Extra service</th>');
    expect(content).toContain('<ul class="contains-task-list">');
    expect(content).toContain('<input type="checkbox" checked disabled> Confirmation emails');
    expect(content).toContain('<input type="checkbox" disabled> Warehouse notifications');
    expect(content).toContain('<code class="language-sql">UPDATE jobs');
    expect(content).toContain('<a href="https://stripe.com/blog/idempotency">');
    expect(content).toContain('<a href="mailto:engineering@example.com">');
    // Footnote references point at ids that exist after the sanitizer prefixed them.
    const refs = [...content.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThanOrEqual(4);
    for (const id of refs) expect(content).toContain(`id="${id}"`);
    expect(context.reported.length).toBeGreaterThan(0);
    expectNothingExecutable(content);
  });

  it("drops raw HTML and unsafe link targets written in Markdown", async () => {
    const hostile = [
      "# Notes",
      "",
      "<script>alert('raw')</script>",
      '<img src=x onerror="alert(1)">',
      "",
      "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)",
      "![pixel](javascript:alert(2))",
      "<iframe src='https://evil.example'></iframe>",
      "",
      "[ref]: vbscript:msgbox(1)",
      "See [ref].",
    ].join("\n");
    const { content } = await catalogue["markdown-to-html"].run(
      { content: hostile, format: "markdown" },
      {},
      makeContext(),
    );
    expect(content).toContain("<h1>Notes</h1>");
    expect(content).toContain("<a>click</a>");
    expectNothingExecutable(content);
  });
});

describe("link targets with upper- or mixed-case schemes", () => {
  const markdown = [
    "[a](HTTPS://EXAMPLE.COM) ![i](HTTP://EXAMPLE.COM/x.png) <MAILTO:FOO@BAR.BAZ>",
    "[call](tel:+14155552671) [x](JaVaScRiPt:alert(1)) [y](VBScript:msgbox(1))",
    "[z](%20javascript:alert(1)) [d](Data:text/html,hi)",
  ].join("\n");

  it("keep their target in Markdown, and unsafe schemes are still removed", async () => {
    const content = await toHtml(markdown);
    expect(content).toContain('<a href="https://EXAMPLE.COM">a</a>');
    expect(content).toContain('<img src="http://EXAMPLE.COM/x.png" alt="i">');
    expect(content).toContain('<a href="mailto:FOO@BAR.BAZ">MAILTO:FOO@BAR.BAZ</a>');
    expect(content).toContain('<a href="tel:+14155552671">call</a>');
    expect(content).toContain("<a>x</a> <a>y</a>");
    expect(content).toContain("<a>d</a>");
    expectNothingExecutable(content);
  });

  it("keep their target in HTML, and unsafe schemes are still removed", async () => {
    const html =
      '<p><a href="HTTPS://EXAMPLE.COM">a</a><img src="HTTP://EXAMPLE.COM/x.png" alt="i">' +
      '<a href="tel:+14155552671">call</a><a href="JaVaScRiPt:alert(1)">x</a>' +
      '<a href=" JAVASCRIPT:alert(1)">y</a><a href="java&#x09;script:alert(1)">z</a></p>';
    expect(await toMarkdown(html)).toBe(
      "[a](https://EXAMPLE.COM)![i](http://EXAMPLE.COM/x.png)[call](tel:+14155552671)xyz\n",
    );
  });
});

describe("html-to-markdown", () => {
  it("keeps inline code that is only a space, and the spaces around it", async () => {
    expect(await toMarkdown("<p>a <code> </code> b</p>")).toBe("a ` ` b\n");
    expect(await toMarkdown("<p>call <code>\n  render(x)\n</code> now</p>")).toBe(
      "call `  render(x)  ` now\n",
    );
  });

  it("keeps tight lists with nested blocks tight, so they render as they came", async () => {
    for (const markdown of [
      "- a\n  > b\n- c\n",
      "- a\n  - b\n\n    c\n- d\n",
      "- a\n  | x | y |\n  | - | - |\n  | 1 | 2 |\n- b\n",
      "1. a\n   ```\n   code\n   ```\n2. b\n",
    ]) {
      expect(await toMarkdown(await toHtml(markdown))).toBe(markdown);
    }
  });

  it("keeps the content of a messy page and nothing executable", async () => {
    const { content, format } = await catalogue["html-to-markdown"].run(
      { content: messy, format: "html" },
      {},
      makeContext(),
    );
    expect(format).toBe("markdown");
    expect(content).toContain("# Spring Sale: up to 40% off garden tools");
    expect(content).toContain("**today**");
    expect(content).toContain(
      "Questions? Email <help@shopco.example> or call [+1 415 555 2671](tel:+14155552671).",
    );
    expect(content).toContain("[forged blade](https://example.com/guides/spades)");
    expect(content).toMatch(/\| Product\s+\| Was\s+\| Now\s+\|/);
    expect(content).toContain("Cordless hedge trimmer");
    // Unsafe links lose their target but keep their text.
    expect(content).toMatch(/^- Menu$/m);
    expect(content).toContain("Old link");
    for (const gone of [
      "javascript",
      "vbscript",
      "data:",
      "alert",
      "gtag",
      "font-family",
      "Hidden textarea text",
      "svg text",
      "ShopCo | ",
      "youtube",
      "onerror",
    ]) {
      expect(content).not.toContain(gone);
    }
    // Rendering that Markdown again yields safe HTML too.
    const { content: html } = await catalogue["markdown-to-html"].run(
      { content, format: "markdown" },
      {},
      makeContext(),
    );
    expectNothingExecutable(html);
  });

  it("writes GFM for tables, strikethrough and task lists", async () => {
    const html =
      "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>" +
      "<p><del>old</del> new</p>" +
      '<ul><li><input type="checkbox" checked disabled> done</li><li><input type="checkbox" disabled> todo</li></ul>';
    const { content } = await catalogue["html-to-markdown"].run(
      { content: html, format: "html" },
      {},
      makeContext(),
    );
    expect(content).toContain("| a | b |");
    expect(content).toContain("~~old~~ new");
    expect(content).toContain("- [x] done");
    expect(content).toContain("- [ ] todo");
  });
});

describe("to-plain-text", () => {
  const run = (content: string, format: "markdown" | "html" | "text") =>
    catalogue["to-plain-text"].run({ content, format }, {}, makeContext());

  it("strips Markdown but keeps paragraphs, list lines and task states", async () => {
    const { content, format } = await run(article, "markdown");
    expect(format).toBe("text");
    for (const markup of ["**", "](http", "[^", "| --", "```", "\n#", "\n- "]) {
      expect(content).not.toContain(markup);
    }
    expect(content).toMatch(/^Moving a Ten-Year-Old Monolith.*Order\n\nBy Priya Raman/);
    expect(content).toContain("\n\nWhy the request had to get smaller\n\nThe first argument");
    expect(content).toContain("[x] Confirmation emails (week 2)\n[x] Image resizing (week 3)");
    expect(content).toContain("Checkout p50 latency\t910 ms\t120 ms");
    expect(content).toContain("provider.[1]");
    expect(content).not.toContain("↩");
  });

  it("reads HTML like a browser: no scripts, styles or titles, <br> kept", async () => {
    const { content } = await run(messy, "html");
    expect(content).toContain("Spring Sale: up to 40% off garden tools");
    expect(content).toContain("into clay soil.\nStainless steel resists rust");
    for (const gone of ["alert", "gtag", "font-family", "ShopCo |", "Hidden textarea text"]) {
      expect(content).not.toContain(gone);
    }
  });

  it("leaves text alone apart from line endings", async () => {
    const { content } = await run("one\r\ntwo\rthree *not markup*", "text");
    expect(content).toBe("one\ntwo\nthree *not markup*");
  });
});
