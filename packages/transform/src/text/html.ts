import type { Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import rehypeParse from "rehype-parse";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";

/**
 * GitHub's schema (what rehype-sanitize ships) plus a longer strip list: the default unwraps
 * unknown elements, which would turn stylesheets, `<title>`, `<noscript>` fallbacks, iframe
 * bodies and SVG/MathML internals into visible text.
 */
const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
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
const htmlSanitizer = unified().use(rehypeSanitize, sanitizeSchema).use(linkPrefixedTargets);
const htmlSerializer = unified().use(rehypeStringify);
const markdownParser = unified().use(remarkParse).use(remarkGfm);
// clobberPrefix "": the sanitizer adds the one prefix every id gets; linkPrefixedTargets then
// points the in-page links (footnotes) at the prefixed ids.
const markdownToHast = unified().use(remarkRehype, { clobberPrefix: "" });

export function parseHtml(html: string): HastRoot {
  return htmlParser.parse(html);
}

/** Every HTML the package emits goes through here. */
export function sanitizeHtmlTree(tree: HastRoot): HastRoot {
  return htmlSanitizer.runSync(tree);
}

export function serializeHtml(tree: HastRoot): string {
  return htmlSerializer.stringify(tree);
}

export function sanitizeHtml(html: string): string {
  return serializeHtml(sanitizeHtmlTree(parseHtml(html)));
}

export function parseMarkdown(markdown: string): MdastRoot {
  return markdownParser.parse(markdown);
}

/** Markdown to an unsanitized HTML tree; raw HTML inside the Markdown is dropped, not kept. */
export function markdownTreeToHast(tree: MdastRoot): HastRoot {
  return markdownToHast.runSync(tree);
}

/**
 * The sanitizer prefixes ids with "user-content-" against DOM clobbering but leaves `href="#x"`
 * alone, which breaks footnote links; re-point fragments whose prefixed target exists.
 */
function linkPrefixedTargets() {
  const prefix = sanitizeSchema.clobberPrefix ?? "";
  return (tree: HastRoot) => {
    if (!prefix) return;
    const ids = new Set<string>();
    visit(tree, "element", (node) => {
      const id = node.properties.id;
      if (typeof id === "string") ids.add(id);
    });
    visit(tree, "element", (node) => {
      const href = node.properties.href;
      if (node.tagName !== "a" || typeof href !== "string" || !href.startsWith("#")) return;
      const target = decodeFragment(href.slice(1));
      if (!target.startsWith(prefix) && ids.has(prefix + target)) {
        node.properties.href = `#${prefix}${target}`;
      }
    });
  };
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
