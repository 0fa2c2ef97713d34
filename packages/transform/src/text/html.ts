import type { Element, Root as HastRoot } from "hast";
import { defaultSchema, sanitize, type Schema } from "hast-util-sanitize";
import { toHtml } from "hast-util-to-html";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { TransformError } from "../types";
import { eachElement } from "./walk";

/**
 * GitHub's schema (what rehype-sanitize ships) plus a longer strip list: the default unwraps
 * unknown elements, which would turn stylesheets, `<title>`, `<noscript>` fallbacks, iframe
 * bodies and SVG/MathML internals into visible text.
 */
const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Phone links are what people write for a phone number; they run no code.
  protocols: {
    ...defaultSchema.protocols,
    href: [...(defaultSchema.protocols?.href ?? []), "tel"],
  },
  strip: [
    ...(defaultSchema.strip ?? []),
    "style",
    "template",
    "noscript",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "title",
    "textarea",
    "select",
    "svg",
    "math",
  ],
};

// Fragment parsing: documents are stored as fragments, and a full page's <html>/<head>/<body>
// wrappers would be unwrapped by the sanitizer anyway.
const htmlParser = unified().use(rehypeParse, { fragment: true });

// Past about 2,000 levels the recursive tree libraries (hast-util-from-parse5, the sanitizer,
// the serializers) run out of stack; no real document nests a tenth as deep.
const maxHtmlDepth = 1000;

const tooDeep = (cause?: unknown) =>
  new TransformError(
    `The HTML nests elements more than ${maxHtmlDepth} levels deep, which no document needs`,
    false,
    { cause },
  );

export function parseHtml(html: string): HastRoot {
  let tree: HastRoot;
  try {
    tree = htmlParser.parse(html);
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep(error);
    throw error;
  }
  if (depthOf(tree) > maxHtmlDepth) throw tooDeep();
  return tree;
}

function depthOf(tree: HastRoot): number {
  let deepest = 0;
  const stack: [HastRoot | Element, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [HastRoot | Element, number];
    deepest = Math.max(deepest, depth);
    for (const child of node.children) {
      if (child.type === "element") stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

/** Every HTML the package emits goes through here. */
export function sanitizeHtmlTree(tree: HastRoot): HastRoot {
  lowerCaseSchemes(tree);
  const safe = sanitize(tree, sanitizeSchema) as HastRoot;
  linkPrefixedTargets(safe);
  return safe;
}

export function serializeHtml(tree: HastRoot): string {
  return toHtml(tree);
}

export function sanitizeHtml(html: string): string {
  return serializeHtml(sanitizeHtmlTree(parseHtml(html)));
}

const urlProperties = ["href", "src", "cite", "longDesc"] as const;
// Leading whitespace and control characters, which browsers skip, then the scheme.
const scheme = /^([\s\p{Cc}]*)([a-z][a-z\d+.-]*):/iu;

/**
 * Schemes are case-insensitive (RFC 3986), but the sanitizer compares them as written, so
 * `HTTPS://…` would lose its target. Lower-casing them first keeps the allow-list exactly as
 * strict: `JaVaScRiPt:` becomes `javascript:`, which it still refuses.
 */
function lowerCaseSchemes(tree: HastRoot): void {
  eachElement(tree, (node) => {
    for (const name of urlProperties) {
      const value = node.properties[name];
      if (typeof value === "string" && scheme.test(value)) {
        node.properties[name] = value.replace(
          scheme,
          (_, space: string, name: string) => `${space}${name.toLowerCase()}:`,
        );
      }
    }
  });
}

/**
 * The sanitizer prefixes ids with "user-content-" against DOM clobbering but leaves `href="#x"`
 * alone, which breaks footnote links; re-point fragments whose prefixed target exists.
 */
function linkPrefixedTargets(tree: HastRoot): void {
  const prefix = sanitizeSchema.clobberPrefix ?? "";
  if (!prefix) return;
  const ids = new Set<string>();
  eachElement(tree, (node) => {
    const id = node.properties.id;
    if (typeof id === "string") ids.add(id);
  });
  eachElement(tree, (node) => {
    const href = node.properties.href;
    if (node.tagName !== "a" || typeof href !== "string" || !href.startsWith("#")) return;
    const target = decodeFragment(href.slice(1));
    if (!target.startsWith(prefix) && ids.has(prefix + target)) {
      node.properties.href = `#${prefix}${target}`;
    }
  });
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
