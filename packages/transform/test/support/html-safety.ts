import type { Element } from "hast";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { expect } from "vitest";

const forbiddenElements = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "base",
  "meta",
  "link",
  "form",
  "svg",
  "math",
  "template",
  "noscript",
  "textarea",
  "select",
]);
const urlProperties = ["href", "src", "action", "formAction", "srcSet", "poster", "cite", "data"];
const unsafeUrl = /^\s*(?:javascript|vbscript|data|file):/i;

/**
 * Parses `html` the way a browser would and fails on anything that could run code: script-like
 * elements, event-handler attributes, inline styles, and script/data URLs.
 */
export function expectNothingExecutable(html: string): void {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html);
  const problems: string[] = [];
  visit(tree, "element", (node: Element) => {
    if (forbiddenElements.has(node.tagName)) problems.push(`<${node.tagName}>`);
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) problems.push(`${node.tagName}[${name}]`);
      if (name === "style") problems.push(`${node.tagName}[style]`);
      const values = Array.isArray(value) ? value : [value];
      if (urlProperties.includes(name) && values.some((v) => unsafeUrl.test(String(v)))) {
        problems.push(`${node.tagName}[${name}=${String(value)}]`);
      }
    }
  });
  expect(problems).toEqual([]);
  // Belt and braces on the serialized text, in case the parser above is lenient.
  expect(html).not.toMatch(/<\s*script/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/(?:href|src|action)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i);
}
