import GithubSlugger from "github-slugger";
import { toString as hastToString } from "hast-util-to-string";
import type { List, ListItem } from "mdast";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { z } from "zod";
import { checkpoint } from "../checkpoint";
import { parseHtml, sanitizeHtmlTree } from "../text/html";
import { markdownToHast } from "../text/markdown";
import { eachElement } from "../text/walk";
import type { TransformDefinition, TransformInput } from "../types";

export interface OutlineNode {
  depth: number;
  text: string;
  /** GitHub's anchor for the heading; duplicates get -1, -2… as on GitHub. */
  slug: string;
  children: OutlineNode[];
}

/**
 * Output choice: json, because the tree is what the UI and other services consume; the same
 * result carries the table of contents as Markdown (`markdown`) for people who want to paste it
 * into the document, so no second kind or format switch is needed.
 */
export interface OutlineResult {
  outline: OutlineNode[];
  markdown: string;
}

type Heading = Omit<OutlineNode, "children">;

const headingTags: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

function headingsOf(input: TransformInput): Heading[] {
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  const add = (depth: number, raw: string) => {
    const text = raw.replace(/\s+/g, " ").trim();
    headings.push({ depth, text, slug: slugger.slug(text) });
  };
  // Markdown headings hold no raw HTML once rendered, so only HTML needs the sanitizer here.
  const tree =
    input.format === "markdown"
      ? markdownToHast(input.content)
      : sanitizeHtmlTree(parseHtml(input.content));
  eachElement(tree, (node) => {
    // The "Footnotes" heading GFM adds is not one the author wrote.
    if (node.properties.dataFootnotes !== undefined) return false;
    const depth = headingTags[node.tagName];
    if (!depth) return true;
    add(depth, hastToString(node));
    return false;
  });
  return headings;
}

/** A heading nests under the nearest earlier, shallower one; skipped levels are not invented. */
function nest(headings: Heading[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const open: OutlineNode[] = [];
  for (const heading of headings) {
    const node: OutlineNode = { ...heading, children: [] };
    while ((open.at(-1)?.depth ?? 0) >= node.depth) open.pop();
    (open.at(-1)?.children ?? roots).push(node);
    open.push(node);
  }
  return roots;
}

const markdownWriter = unified().use(remarkStringify, { bullet: "-" });

function tableOfContents(nodes: OutlineNode[]): string {
  const list = (items: OutlineNode[]): List => ({
    type: "list",
    spread: false,
    children: items.map((item): ListItem => ({
      type: "listItem",
      spread: false,
      children: [
        {
          type: "paragraph",
          children: [
            { type: "link", url: `#${item.slug}`, children: [{ type: "text", value: item.text }] },
          ],
        },
        ...(item.children.length > 0 ? [list(item.children)] : []),
      ],
    })),
  });
  if (nodes.length === 0) return "";
  return markdownWriter.stringify({ type: "root", children: [list(nodes)] });
}

const params = z.strictObject({});

export const outlineKind: TransformDefinition<typeof params> = {
  name: "outline",
  title: "Outline",
  description:
    "Lists the document's headings as a nested tree with GitHub-style anchors, plus a " +
    "ready-to-paste Markdown table of contents.",
  inputFormats: ["markdown", "html"],
  outputFormat: "json",
  params,
  async run(input, _params, context) {
    const headings = headingsOf(input);
    await checkpoint(context, 60);
    const outline = nest(headings);
    const result: OutlineResult = { outline, markdown: tableOfContents(outline) };
    return {
      content: JSON.stringify(result, null, 2),
      format: "json",
      meta: { headings: headings.length },
    };
  },
};
