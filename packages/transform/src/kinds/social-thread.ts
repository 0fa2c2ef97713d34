import { z } from "zod";
import { checkpoint } from "../checkpoint";
import { toPlainText } from "../text/plain-text";
import { graphemeCount, graphemes, sentences, wordPieces } from "../text/segment";
import { TransformError, type TransformDefinition } from "../types";

/** Character limits per post, as each platform documents them. */
export const platformLimits = { x: 280, linkedin: 3000, mastodon: 500, bluesky: 300 } as const;

export interface ThreadResult {
  posts: string[];
}

interface Unit {
  text: string;
  size: number;
}

interface Piece {
  text: string;
  length: number;
  /** Whether whitespace separated this piece from the previous one in the source. */
  spaced: boolean;
}

const wordLike = /[\p{L}\p{N}]$/u;

/**
 * The places a sentence may be broken: between words, never inside one. Punctuation stays on
 * the word before it and a word stays with the quote or slash before it (so URLs hold
 * together), while words of scripts written without spaces (CJK) remain separate pieces.
 */
function piecesOf(sentence: string): Piece[] {
  const pieces: Piece[] = [];
  let spaced = false;
  for (const segment of wordPieces(sentence)) {
    if (!segment.trim()) {
      spaced = true;
      continue;
    }
    const last = pieces.at(-1);
    const isWord = wordLike.test(segment);
    if (last && !spaced && (!isWord || !wordLike.test(last.text))) {
      last.text += segment;
      last.length = graphemeCount(last.text);
    } else {
      pieces.push({ text: segment, length: graphemeCount(segment), spaced });
    }
    spaced = false;
  }
  return pieces;
}

/**
 * Greedy packing into posts of at most `budget` grapheme clusters: whole sentences when they
 * fit, a too-long sentence word by word, a too-long word cut between clusters. Lengths are
 * summed rather than re-measured; joining strings can only merge clusters, so the sum is an
 * upper bound.
 */
function pack(units: Unit[], budget: number): string[] {
  const posts: string[] = [];
  let current = "";
  let length = 0;
  const flush = () => {
    if (current) posts.push(current);
    current = "";
    length = 0;
  };
  const add = (text: string, size: number, separator: string) => {
    if (current && length + separator.length + size <= budget) {
      current += separator + text;
      length += separator.length + size;
      return;
    }
    flush();
    if (size <= budget) {
      current = text;
      length = size;
      return;
    }
    const clusters = graphemes(text);
    for (let i = 0; i < clusters.length; i += budget) {
      flush();
      const chunk = clusters.slice(i, i + budget);
      current = chunk.join("");
      length = chunk.length;
    }
  };

  for (const unit of units) {
    if (unit.size <= budget) {
      add(unit.text, unit.size, " ");
      continue;
    }
    // Longer than a post: break it between words; its start may still share the previous post.
    piecesOf(unit.text).forEach((piece, i) =>
      add(piece.text, piece.length, i === 0 || piece.spaced ? " " : ""),
    );
  }
  flush();
  return posts;
}

function splitThread(text: string, limit: number, numbering: boolean): string[] {
  const units = sentences(text).map((sentence): Unit => {
    const flat = sentence.replace(/\s+/g, " ");
    return { text: flat, size: graphemeCount(flat) };
  });
  const whole = pack(units, limit);
  if (!numbering || whole.length <= 1) return whole;

  // The counter " 12/34" is part of the limit, and its width depends on how many posts there
  // are; widen the reservation until the count fits it.
  for (let digits = 1; ; digits++) {
    const budget = limit - (2 * digits + 2);
    if (budget < 1) {
      throw new TransformError(`A limit of ${limit} characters leaves no room for text`, false);
    }
    const posts = pack(units, budget);
    if (String(posts.length).length <= digits) {
      return posts.map((post, i) => `${post} ${i + 1}/${posts.length}`);
    }
  }
}

const params = z.strictObject({
  platform: z
    .enum(["x", "linkedin", "mastodon", "bluesky"])
    .default("x")
    .describe(
      "Platform whose post length applies: X 280, LinkedIn 3000, Mastodon 500, Bluesky 300",
    ),
  maxLength: z
    .int()
    .min(20)
    .max(10_000)
    .optional()
    .describe("Characters per post, instead of the platform's limit"),
  numbering: z
    .boolean()
    .default(true)
    .describe('Add a "1/7" counter to each post (it counts toward the limit)'),
});

export const socialThreadKind: TransformDefinition<typeof params> = {
  name: "social-thread",
  title: "Social thread",
  description:
    "Splits the text into a numbered thread of posts that fit a platform's character limit, " +
    "breaking between sentences where possible and never inside a character or emoji.",
  inputFormats: ["markdown", "html", "text"],
  outputFormat: "json",
  params,
  async run(input, params, context) {
    const limit = params.maxLength ?? platformLimits[params.platform];
    const text = toPlainText(input);
    await checkpoint(context, 20);
    const result: ThreadResult = { posts: splitThread(text, limit, params.numbering) };
    return {
      content: JSON.stringify(result, null, 2),
      format: "json",
      meta: { posts: result.posts.length, maxLength: limit },
    };
  },
};
