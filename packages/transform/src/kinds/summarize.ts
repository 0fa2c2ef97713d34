import { stemmer } from "stemmer";
import { eng } from "stopword";
import { z } from "zod";
import { checkpoint } from "../checkpoint";
import { toPlainText } from "../text/plain-text";
import { sentences as sentencesOf } from "../text/segment";
import type { TransformDefinition } from "../types";

const stopWords = new Set(eng);
// Words that start with a letter: numbers are not terms. A regular expression, because the
// word segmenter costs twice as much on a 1 MiB document and summaries are for English prose.
const wordPattern = /\p{L}[\p{L}\p{M}\p{N}'’]*/gu;

// Short sentences (captions, "Thanks!") score high on key terms per word but make poor summary
// sentences, so they compete only when the text has too few full sentences.
const minWordsPerSentence = 5;

interface Sentence {
  index: number;
  text: string;
  words: number;
  terms: Set<string>;
  score: number;
}

/**
 * Extractive summary: each sentence scores the TF-IDF weight of its distinct content words
 * (stems without stop words), treating sentences as the documents, divided by the square root
 * of its length so long sentences do not win by size alone; the best ones come back in their
 * original order. Sentences are split by Unicode's rules (UAX #29), which never end a sentence
 * at a dot followed by a letter, as in `commonmark.js` or `Node.js`.
 */
function summarize(text: string, count: number): { summary: string[]; total: number } {
  const sentences: Sentence[] = [];
  const frequency = new Map<string, number>();
  const sentenceFrequency = new Map<string, number>();

  for (const raw of sentencesOf(text)) {
    const terms = new Set<string>();
    let words = 0;
    for (const [word] of raw.matchAll(wordPattern)) {
      words++;
      // The English stop-word list is lower case.
      const lower = word.toLowerCase();
      if (stopWords.has(lower)) continue;
      const term = stemmer(lower);
      terms.add(term);
      frequency.set(term, (frequency.get(term) ?? 0) + 1);
    }
    for (const term of terms) sentenceFrequency.set(term, (sentenceFrequency.get(term) ?? 0) + 1);
    const sentence = raw.replace(/\s+/g, " ");
    sentences.push({ index: sentences.length, text: sentence, words, terms, score: 0 });
  }

  const total = sentences.length;
  for (const sentence of sentences) {
    let weight = 0;
    for (const term of sentence.terms) {
      const tf = frequency.get(term) ?? 0;
      const sf = sentenceFrequency.get(term) ?? 1;
      weight += tf * Math.log(1 + total / sf);
    }
    sentence.score = weight / Math.sqrt(Math.max(sentence.words, 1));
  }

  const full = sentences.filter((s) => s.words >= minWordsPerSentence);
  const candidates = full.length >= count ? full : sentences;
  const chosen = [...candidates]
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, count)
    .sort((a, b) => a.index - b.index);
  return { summary: chosen.map((s) => s.text), total };
}

const params = z.strictObject({
  sentences: z
    .int()
    .min(1)
    .max(20)
    .default(3)
    .describe("How many sentences the summary keeps, taken from the text in their original order"),
});

export const summarizeKind: TransformDefinition<typeof params> = {
  name: "summarize",
  title: "Summary",
  description:
    "Picks the most informative sentences of the document and keeps them in their original " +
    "order (extractive, works best on English prose). Headings, lists, tables and code blocks " +
    "are ignored.",
  inputFormats: ["markdown", "html", "text"],
  outputFormat: "text",
  params,
  async run(input, params, context) {
    const text = toPlainText(input, { proseOnly: true, withoutLists: true });
    await checkpoint(context, 20);
    const { summary, total } = summarize(text, params.sentences);
    return {
      content: summary.join(" "),
      format: "text",
      meta: { sentences: summary.length, totalSentences: total },
    };
  },
};
