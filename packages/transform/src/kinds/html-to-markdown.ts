import type { Root as HastRoot } from "hast";
import rehypeRemark from "rehype-remark";
import remarkGfm from "remark-gfm";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { z } from "zod";
import { checkpoint } from "../checkpoint";
import { parseHtml, sanitizeHtmlTree } from "../text/html";
import type { TransformDefinition } from "../types";

// remark-gfm on the way out writes tables, strikethrough and task lists as GFM syntax.
const toMarkdown = unified().use(rehypeRemark).use(remarkGfm).use(remarkStringify, { bullet: "-" });

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
