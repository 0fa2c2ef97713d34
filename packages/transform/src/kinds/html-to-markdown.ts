import type { Element, Root as HastRoot } from "hast";
import { defaultHandlers, type Handle } from "hast-util-to-mdast";
import { toString } from "hast-util-to-string";
import type { InlineCode } from "mdast";
import rehypeRemark from "rehype-remark";
import remarkGfm from "remark-gfm";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { z } from "zod";
import { checkpoint } from "../checkpoint";
import { parseHtml, sanitizeHtmlTree } from "../text/html";
import { eachElement } from "../text/walk";
import type { TransformDefinition } from "../types";

/**
 * A list item is loose when it holds paragraphs of its own, as CommonMark renders it. The
 * default also counts paragraphs inside a nested quote, list or table, so a tight list with
 * nested blocks came back loose.
 */
const listItem: Handle = (state, node: Element) => {
  const item = defaultHandlers.li(state, node);
  item.spread = node.children.some((child) => child.type === "element" && child.tagName === "p");
  return item;
};

/** Inline code keeps its text, even a lone space, from `codeText` (see `hastToMarkdown`). */
const inlineCode: Handle = (state, node: Element) => {
  const result: InlineCode = { type: "inlineCode", value: String(node.properties.codeText) };
  state.patch(node, result);
  return result;
};

// remark-gfm on the way out writes tables, strikethrough and task lists as GFM syntax.
const toMarkdown = unified()
  .use(rehypeRemark, { handlers: { li: listItem, code: inlineCode } })
  .use(remarkGfm)
  .use(remarkStringify, { bullet: "-" });

/**
 * The whitespace pass before conversion collapses the text of inline code as if it were prose
 * (`<code> </code>` vanished, taking the spaces around it); its text is set aside first.
 */
function setAsideInlineCode(tree: HastRoot): void {
  eachElement(tree, (node) => {
    if (node.tagName === "pre") return false;
    if (node.tagName === "code") {
      node.properties.codeText = toString(node).replace(/\s+/g, " ");
      node.children = [{ type: "text", value: "code" }];
      return false;
    }
    return true;
  });
}

/** A sanitized HTML tree as Markdown (the tree is changed); shared with the .docx import. */
export function hastToMarkdown(tree: HastRoot): string {
  // The sanitizer drops an unsafe href but keeps its <a>, which would become "[text]()";
  // the text alone reads better than a link to nowhere.
  visit(tree, "element", (node, index, parent) => {
    if (node.tagName !== "a" || node.properties.href !== undefined) return undefined;
    if (!parent || index === undefined) return undefined;
    parent.children.splice(index, 1, ...node.children);
    return [SKIP, index];
  });
  setAsideInlineCode(tree);
  return toMarkdown.stringify(toMarkdown.runSync(tree));
}

const params = z.strictObject({});

export const htmlToMarkdown: TransformDefinition<typeof params> = {
  name: "html-to-markdown",
  title: "HTML to Markdown",
  description:
    "Converts HTML to GitHub-flavoured Markdown. Scripts, styles, event handlers and unsafe " +
    "links are removed first.",
  inputFormats: ["html"],
  outputFormat: "markdown",
  params,
  async run(input, _params, context) {
    const tree = parseHtml(input.content);
    await checkpoint(context, 30);
    // Sanitizing first means nothing the sanitizer would refuse can reach the Markdown and
    // come back as HTML when it is rendered.
    const safe = sanitizeHtmlTree(tree);
    await checkpoint(context, 50);
    return { content: hastToMarkdown(safe), format: "markdown" };
  },
};
