import { documents, sql } from "@transmute/db";
import type { SQL } from "drizzle-orm";

/**
 * The search box's words as a tsquery that also matches words they begin ("zepp" finds
 * "zeppelin"): PostgreSQL's own web-search syntax (quotes, OR, -word), then every lexeme it
 * produced marked as a prefix. The cast (not to_tsquery) keeps the lexemes as they were stemmed.
 */
export const prefixQuery = (text: string): SQL =>
  sql`regexp_replace(websearch_to_tsquery('english', ${text})::text, '''(?:[^'']|'''')+''', '\\&:*', 'g')::tsquery`;

/**
 * Relevance: a title match (weight A) outranks any number of matches in the body (B), whose
 * weight is kept low enough that repetition cannot catch up.
 */
export const searchRank = (query: SQL, search: SQL | typeof documents.search = documents.search) =>
  sql<number>`ts_rank('{0.01, 0.02, 0.05, 1.0}', ${search}, ${query})`;

// Private-use characters mark the matches: they are removed from the text first, so a document
// cannot forge a highlight, and the excerpt leaves here as plain text with the matches as data.
const START = "\u{E000}";
const STOP = "\u{E001}";
const HEADLINE_SOURCE_CHARS = 20_000;

/** Where the words matched, in the first 20,000 characters of the text (tags dropped from HTML). */
export const searchHeadline = (query: SQL): SQL<string> => {
  const text = sql`translate(left(${documents.content}, ${HEADLINE_SOURCE_CHARS}), ${START + STOP}, '')`;
  const plain = sql`case when ${documents.format} = 'html' then regexp_replace(${text}, '<[^>]*>', ' ', 'g') else ${text} end`;
  const options = `StartSel=${START}, StopSel=${STOP}, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`;
  return sql<string>`ts_headline('english', ${plain}, ${query}, ${options})`;
};

export interface ExcerptPart {
  text: string;
  /** A word the search matched. */
  match: boolean;
}

/** Splits a headline at its markers into plain text and matched words. */
export function headlineParts(headline: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  for (const [index, piece] of headline.split(new RegExp(`[${START}${STOP}]`, "u")).entries()) {
    if (piece) parts.push({ text: piece, match: index % 2 === 1 });
  }
  return parts;
}
