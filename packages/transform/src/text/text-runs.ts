import type { Element, Root, Text } from "hast";

/**
 * Text that markup splits, as a reader sees it: `<b>john</b>@example.com` and
 * `**john**@example.com` both read "john@example.com". Finders run on the joined text; a
 * finding is then written back piece by piece, so the markup between the pieces stays.
 */
export interface Span {
  start: number;
  end: number;
}

/**
 * Replaces each span of the text the pieces make together: the span's part in the piece where
 * it starts becomes `replace(span)`, its parts in later pieces are removed. Returns the new
 * pieces, as many as given.
 */
export function replaceAcross<S extends Span>(
  pieces: readonly string[],
  spans: readonly S[],
  replace: (span: S) => string,
): string[] {
  const result: string[] = [];
  let offset = 0;
  let next = 0;
  for (const piece of pieces) {
    const end = offset + piece.length;
    let out = "";
    let position = offset;
    // Spans are sorted and disjoint; one may run on from earlier pieces.
    while (next < spans.length && (spans[next] as S).start < end) {
      const span = spans[next] as S;
      const from = Math.max(span.start, offset);
      out += piece.slice(position - offset, from - offset);
      if (span.start >= offset) out += replace(span);
      position = Math.min(span.end, end);
      if (span.end > end) break;
      next++;
    }
    out += piece.slice(position - offset);
    result.push(out);
    offset = end;
  }
  return result;
}

/**
 * A line break inside a paragraph reads as a space, so a number wrapped onto the next line is
 * still one number; a blank line still separates. The result is as long as the text.
 */
export function asRead(text: string): string {
  return text.replace(/(?<!\n)\n(?!\n)/g, " ");
}

// Emphasis, strikethrough and code markers, and inline HTML tags. An underscore between two
// letters or digits is part of a word (`john_doe@example.com`), not emphasis.
const markdownMarkup =
  /<\/?[A-Za-z][A-Za-z\d-]*(?:\s[^<>]*)?\/?>|\*+|~+|`+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu;

/** Markdown source as alternating text and markup pieces: `pieces[0]`, then odd ones markup. */
export function markdownPieces(source: string): string[] {
  const pieces: string[] = [];
  let position = 0;
  for (const match of source.matchAll(markdownMarkup)) {
    pieces.push(source.slice(position, match.index), match[0]);
    position = match.index + match[0].length;
  }
  pieces.push(source.slice(position));
  return pieces;
}

// Phrasing elements: text inside them runs on with the text around them.
const inline = new Set([
  "a",
  "abbr",
  "b",
  "bdi",
  "bdo",
  "cite",
  "code",
  "data",
  "del",
  "dfn",
  "em",
  "i",
  "ins",
  "kbd",
  "mark",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strong",
  "sub",
  "sup",
  "time",
  "u",
  "var",
]);

/** The text nodes of an HTML tree grouped into runs that read as one line of text. */
export function htmlTextRuns(tree: Root): Text[][] {
  const runs: Text[][] = [];
  let run: Text[] = [];
  const close = () => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  // Iterative, in document order; `null` marks the end of a block element.
  const stack: (Root | Element | Text | null)[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) {
      close();
      continue;
    }
    if (node.type === "text") {
      run.push(node);
      continue;
    }
    const block = node.type === "element" && !inline.has(node.tagName);
    if (block) {
      close();
      stack.push(null);
    }
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child?.type === "text" || child?.type === "element") stack.push(child);
    }
  }
  close();
  return runs;
}
