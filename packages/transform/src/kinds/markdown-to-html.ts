import { z } from "zod";
import { checkpoint } from "../checkpoint";
import { markdownTreeToHast, parseMarkdown, sanitizeHtmlTree, serializeHtml } from "../text/html";
import type { TransformDefinition } from "../types";

const params = z.strictObject({});

export const markdownToHtml: TransformDefinition<typeof params> = {
  name: "markdown-to-html",
  title: "Markdown to HTML",
  description:
    "Renders Markdown, including GitHub tables, task lists, footnotes and strikethrough, as " +
    "sanitized HTML. Raw HTML inside the Markdown is dropped.",
  inputFormats: ["markdown"],
  outputFormat: "html",
  params,
  async run(input, _params, context) {
    const mdast = parseMarkdown(input.content);
    await checkpoint(context, 40);
    const hast = markdownTreeToHast(mdast);
    await checkpoint(context, 70);
    return { content: serializeHtml(sanitizeHtmlTree(hast)), format: "html" };
  },
};
