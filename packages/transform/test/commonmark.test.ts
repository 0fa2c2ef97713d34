import type { Root } from "hast";
import { raw } from "hast-util-raw";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { catalogue } from "../src/index";
import { sanitizeHtml, sanitizeHtmlTree, serializeHtml } from "../src/text/html";
import { markdownToHast } from "../src/text/markdown";
import { makeContext } from "./support/context";

interface Example {
  markdown: string;
  html: string;
  number: number;
  section: string;
}

// The spec marks tabs with "→".
const { tests } = createRequire(import.meta.url)("commonmark-spec") as { tests: Example[] };
const examples = tests.map((e) => ({
  ...e,
  markdown: e.markdown.replaceAll("→", "\t"),
  html: e.html.replaceAll("→", "\t"),
}));

// GFM's autolink literals link bare URLs and addresses that CommonMark leaves as text.
const autolinkLiterals = new Set([602, 608, 611, 612]);

// Line breaks between tags are not content (markdown-it's renderer and the spec place them
// differently around empty block quotes).
const normalize = (html: string) => html.replace(/\n+(?=<)|(?<=>)\n+/g, "");

const hasRawHtml = (tree: Root) => JSON.stringify(tree).includes('"type":"raw"');

/**
 * The expected HTML goes through the sanitizer too, so what sanitization removes is removed on
 * both sides. markdown-to-html drops raw HTML; to check that the parser still recognises it
 * where the spec says, examples with raw HTML have it re-parsed into the tree first.
 */
function problems(section: Example[]): string[] {
  const found: string[] = [];
  for (const example of section) {
    if (autolinkLiterals.has(example.number)) continue;
    const tree = markdownToHast(example.markdown);
    const ours = serializeHtml(sanitizeHtmlTree(hasRawHtml(tree) ? (raw(tree) as Root) : tree));
    const expected = sanitizeHtml(example.html);
    if (normalize(ours) !== normalize(expected)) {
      found.push(`#${example.number}: ${JSON.stringify(ours)} ≠ ${JSON.stringify(expected)}`);
    }
  }
  return found;
}

describe("CommonMark 0.31.2 spec examples", () => {
  it("has them all", () => {
    expect(examples).toHaveLength(652);
  });

  const sections = new Map<string, Example[]>();
  for (const example of examples) {
    sections.set(example.section, [...(sections.get(example.section) ?? []), example]);
  }
  for (const [name, section] of sections) {
    it(`${name} (${section.length})`, () => {
      expect(problems(section)).toEqual([]);
    });
  }

  it("markdown-to-html itself renders the examples without raw HTML as the spec says", async () => {
    const found: string[] = [];
    for (const example of examples) {
      if (autolinkLiterals.has(example.number) || hasRawHtml(markdownToHast(example.markdown))) {
        continue;
      }
      const { content } = await catalogue["markdown-to-html"].run(
        { content: example.markdown, format: "markdown" },
        {},
        makeContext(),
      );
      if (normalize(content) !== normalize(sanitizeHtml(example.html))) {
        found.push(`#${example.number}`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe("GFM extensions", () => {
  const render = async (markdown: string) =>
    (
      await catalogue["markdown-to-html"].run(
        { content: markdown, format: "markdown" },
        {},
        makeContext(),
      )
    ).content;

  it("links bare URLs, www. addresses and email addresses, but not every dotted word", async () => {
    expect(
      await render("See https://example.com/a?b=1, www.example.org and ann@example.com."),
    ).toBe(
      '<p>See <a href="https://example.com/a?b=1">https://example.com/a?b=1</a>, ' +
        '<a href="http://www.example.org">www.example.org</a> and ' +
        '<a href="mailto:ann@example.com">ann@example.com</a>.</p>\n',
    );
    expect(await render("Use commonmark.js or example.com.")).toBe(
      "<p>Use commonmark.js or example.com.</p>\n",
    );
  });

  it("renders strikethrough, tables, task lists and footnotes", async () => {
    const html = await render(
      "~~gone~~\n\n| a | b |\n| :- | -: |\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\nNote.[^n]\n\n[^n]: The note.\n",
    );
    expect(html).toContain("<p><del>gone</del></p>");
    expect(html).toContain('<th align="left">a</th>\n<th align="right">b</th>');
    expect(html).toContain('<td align="left">1</td>\n<td align="right">2</td>');
    expect(html).toContain(
      '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n' +
        '<li class="task-list-item"><input type="checkbox" disabled> todo</li>\n</ul>',
    );
    expect(html).toContain(
      '<sup><a href="#user-content-fn-n" id="user-content-fnref-n" data-footnote-ref aria-describedby="user-content-footnote-label">1</a></sup>',
    );
    expect(html).toContain(
      '<li id="user-content-fn-n">\n<p>The note. <a href="#user-content-fnref-n" data-footnote-backref="" aria-label="Back to reference 1" class="data-footnote-backref">↩</a></p>',
    );
  });
});
