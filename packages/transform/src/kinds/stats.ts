import { franc } from "franc-min";
import { syllable } from "syllable";
import { z } from "zod";
import { checkpoint } from "../checkpoint";
import { toPlainText } from "../text/plain-text";
import { graphemeCount, sentences, words } from "../text/segment";
import type { TransformDefinition } from "../types";

export interface DocumentStats {
  words: number;
  sentences: number;
  paragraphs: number;
  /** Grapheme clusters, so an emoji or an accented letter counts once. */
  characters: number;
  charactersWithoutSpaces: number;
  readingTimeMinutes: number;
  /**
   * Flesch reading ease (higher is easier; 60–70 is plain English). Null when the text is too
   * short to measure or is detected as another language: formula and syllable counts are English.
   */
  fleschReadingEase: number | null;
  /** ISO 639-3 code, "und" when the text is too short or too mixed to tell. */
  language: string;
}

/** Silent reading speed of adult English readers (Brysbaert, 2019). */
const wordsPerMinute = 238;
// franc guesses wildly on a few words ("Hi there" comes out as Madurese); below this many
// characters the language is reported as undetermined.
const minLanguageSample = 40;
const hasLetterOrDigit = /[\p{L}\p{N}]/u;
// Flesch calibrated the score on samples of 100 words; on a line or two it swings by tens of
// points with a single long word, so shorter texts get none.
const minReadabilitySample = 100;

function documentStats(text: string): DocumentStats {
  const wordList = words(text);
  const sentenceCount = sentences(text).filter((s) => hasLetterOrDigit.test(s)).length;
  const language = franc(text, { minLength: minLanguageSample });
  let flesch: number | null = null;
  if (wordList.length >= minReadabilitySample && (language === "eng" || language === "und")) {
    const syllables = wordList.reduce((sum, word) => sum + syllable(word), 0);
    const raw =
      206.835 -
      1.015 * (wordList.length / Math.max(sentenceCount, 1)) -
      84.6 * (syllables / wordList.length);
    flesch = Math.round(raw * 10) / 10;
  }
  return {
    words: wordList.length,
    sentences: sentenceCount,
    paragraphs: text.split(/\n\s*\n/).filter((p) => p.trim()).length,
    characters: graphemeCount(text),
    charactersWithoutSpaces: graphemeCount(text.replace(/\s+/g, "")),
    readingTimeMinutes: Math.round((wordList.length / wordsPerMinute) * 10) / 10,
    fleschReadingEase: flesch,
    language,
  };
}

const params = z.strictObject({});

export const statsKind: TransformDefinition<typeof params> = {
  name: "stats",
  title: "Statistics",
  description:
    "Counts words, sentences, paragraphs and characters, estimates reading time, scores " +
    "readability (Flesch reading ease, English) and detects the language.",
  inputFormats: ["markdown", "html", "text"],
  outputFormat: "json",
  params,
  async run(input, _params, context) {
    const text = toPlainText(input);
    await checkpoint(context, 30);
    const stats = documentStats(text);
    return { content: JSON.stringify(stats, null, 2), format: "json", meta: { ...stats } };
  },
};
