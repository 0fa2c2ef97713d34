import type { DocumentFormat } from "../trpc";

const entities: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

const decode = (text: string) =>
  text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });

/** Markup dropped: tags (and <head>, <script>, <style>) from HTML, marks from Markdown. */
function withoutMarkup(format: DocumentFormat, text: string): string {
  if (format === "html") {
    return decode(
      text.replace(/<(head|script|style)\b[\s\S]*?(<\/\1>|$)/gi, " ").replace(/<[^>]*(>|$)/g, " "),
    );
  }
  if (format === "markdown") {
    return text
      .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/(\*\*|__|\*|_|`)(?=\S)([^*_`]*?\S)\1/g, "$2");
  }
  return text;
}

/**
 * The start of a document as words to read in the list, not markup: tags (and what is inside
 * <head>, <script> and <style>) dropped from HTML, heading, list and emphasis marks from Markdown.
 */
export function plainExcerpt(format: DocumentFormat, text: string): string {
  return withoutMarkup(format, text).replace(/\s+/g, " ").trim();
}

/** A search excerpt's pieces the same way, each on its own so the matched words stay marked. */
export function plainExcerptParts<P extends { text: string }>(format: DocumentFormat, parts: P[]) {
  return parts.map((part, index) => {
    let text = withoutMarkup(format, part.text).replace(/\s+/g, " ");
    if (index === 0) text = text.trimStart();
    if (index === parts.length - 1) text = text.trimEnd();
    return { ...part, text };
  });
}
