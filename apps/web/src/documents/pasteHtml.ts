import type { DocumentFormat } from "../trpc";

/**
 * The markup of a copied web page selection. Browsers wrap it in a <meta charset> and, on
 * Windows, in StartFragment/EndFragment comments that mark what was actually selected.
 */
export function clipboardFragment(html: string): string {
  const fragment = /<!--StartFragment-->([\s\S]*?)<!--EndFragment-->/.exec(html);
  const inner = fragment ? fragment[1]! : html;
  return inner
    .replace(/^\s*<meta[^>]*>/i, "")
    .replace(/^[\s\S]*<body[^>]*>([\s\S]*?)<\/body>[\s\S]*$/i, "$1")
    .trim();
}

/**
 * What pasting rich content does: into an HTML document, or an empty one (which becomes HTML),
 * the markup goes in rather than its bare text. Null leaves the paste to the browser (plain text).
 */
export function pasteAsHtml(paste: {
  html: string;
  format: DocumentFormat;
  contentEmpty: boolean;
}): { format: DocumentFormat; insert: string } | null {
  if (!paste.html.trim()) return null;
  if (paste.format !== "html" && !paste.contentEmpty) return null;
  const insert = clipboardFragment(paste.html);
  return insert ? { format: "html", insert } : null;
}
