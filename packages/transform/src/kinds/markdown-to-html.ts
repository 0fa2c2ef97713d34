import { z } from "zod";
import { checkpoint } from "../checkpoint";
import { sanitizeHtmlTree, serializeHtml } from "../text/html";
import { markdownToHast } from "../text/markdown";
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
    const hast = markdownToHast(input.content);
    await checkpoint(context, 50);
    const safe = sanitizeHtmlTree(hast);
    await checkpoint(context, 80);
    return { content: serializeHtml(safe), format: "html" };
  },
};
