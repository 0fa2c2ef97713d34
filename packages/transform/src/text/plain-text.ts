import type { Element, ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import { toText } from "hast-util-to-text";
import type { TransformInput } from "../types";
import { parseHtml, sanitizeHtmlTree } from "./html";
import { markdownToHast } from "./markdown";
import { eachElement } from "./walk";

const headings = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const notProse = new Set(["pre", "table", ...headings]);

export interface PlainTextOptions {
  /**
   * For analysis of prose (summaries, keywords): leave out what is not sentences (code blocks,
   * tables, headings) and footnote markers, which would glue digits onto words.
   */
  proseOnly?: boolean;
  /** For summaries, which must be made of sentences: list items are mostly fragments. */
  withoutLists?: boolean;
}

const lists = new Set(["ul", "ol"]);

/**
 * Any document as text, the way a browser's innerText would show it: blank lines between
 * paragraphs, line breaks kept, table cells separated by tabs. Markdown and HTML both go
 * through an HTML tree so the two behave the same.
 */
export function toPlainText(input: TransformInput, options: PlainTextOptions = {}): string {
  if (input.format === "text") return input.content.replace(/\r\n?/g, "\n");
  const tree =
    input.format === "markdown"
      ? markdownToHast(input.content)
      : sanitizeHtmlTree(parseHtml(input.content));
  return hastToPlainText(tree, options);
}

function hastToPlainText(tree: Root, options: PlainTextOptions = {}): string {
  const prepare = (parent: Root | Element) => {
    const children: ElementContent[] = [];
    for (const node of parent.children) {
      if (node.type === "element") children.push(...textualOf(node, options));
      else if (node.type !== "doctype") children.push(node);
    }
    parent.children = children;
  };
  prepare(tree);
  eachElement(tree, prepare);
  return toText(tree).replace(/\n{3,}/g, "\n\n");
}

/** What an element reads as in plain text: itself, a marker, or nothing. */
function textualOf(node: Element, options: PlainTextOptions): ElementContent[] {
  const { properties, tagName } = node;
  if (properties.dataFootnoteBackref !== undefined) return [];
  if (properties.dataFootnoteRef !== undefined) {
    return options.proseOnly ? [] : [{ type: "text", value: `[${toString(node)}]` }];
  }
  if (options.proseOnly && notProse.has(tagName)) return [];
  if (options.withoutLists && lists.has(tagName)) return [];
  // A checkbox has no text; without a marker a task list loses its state.
  if (tagName === "input" && properties.type === "checkbox") {
    return [{ type: "text", value: properties.checked ? "[x]" : "[ ]" }];
  }
  // innerText gives a heading one line break and a paragraph two, which glues a heading to
  // the text under it; as text, a heading reads as its own paragraph.
  if (headings.has(tagName)) node.tagName = "p";
  return [node];
}
