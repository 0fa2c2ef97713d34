import type { ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import { toText } from "hast-util-to-text";
import { SKIP, visit } from "unist-util-visit";
import type { TransformInput } from "../types";
import { markdownTreeToHast, parseHtml, parseMarkdown, sanitizeHtmlTree } from "./html";

const headings = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const notProse = new Set(["pre", "table", ...headings]);

export interface PlainTextOptions {
  /**
   * For analysis of prose (summaries, keywords): leave out what is not sentences (code blocks,
   * tables, headings) and footnote markers, which would glue digits onto words.
   */
  proseOnly?: boolean;
}

/**
 * Any document as text, the way a browser's innerText would show it: blank lines between
 * paragraphs, line breaks kept, table cells separated by tabs. Markdown and HTML both go
 * through an HTML tree so the two behave the same.
 */
export function toPlainText(input: TransformInput, options: PlainTextOptions = {}): string {
  if (input.format === "text") return input.content.replace(/\r\n?/g, "\n");
  const tree =
    input.format === "markdown"
      ? markdownTreeToHast(parseMarkdown(input.content))
      : sanitizeHtmlTree(parseHtml(input.content));
  return hastToPlainText(tree, options);
}

function hastToPlainText(tree: Root, options: PlainTextOptions = {}): string {
  visit(tree, "element", (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    const replace = (children: ElementContent[]): [typeof SKIP, number] => {
      parent.children.splice(index, 1, ...children);
      return [SKIP, index];
    };
    const { properties, tagName } = node;
    if (properties.dataFootnoteBackref !== undefined) return replace([]);
    if (properties.dataFootnoteRef !== undefined) {
      return replace(options.proseOnly ? [] : [{ type: "text", value: `[${toString(node)}]` }]);
    }
    if (options.proseOnly && notProse.has(tagName)) return replace([]);
    // A checkbox has no text; without a marker a task list loses its state.
    if (tagName === "input" && properties.type === "checkbox") {
      return replace([{ type: "text", value: properties.checked ? "[x]" : "[ ]" }]);
    }
    // innerText gives a heading one line break and a paragraph two, which glues a heading to
    // the text under it; as text, a heading reads as its own paragraph.
    if (headings.has(tagName)) node.tagName = "p";
    return undefined;
  });
  return toText(tree).replace(/\n{3,}/g, "\n\n");
}
