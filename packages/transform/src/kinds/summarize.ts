import type winkNLP from "wink-nlp";
import type { ItsFunction } from "wink-nlp";
import { z } from "zod";
import { checkpoint } from "../checkpoint";
import { lazy } from "../lazy";
import { toPlainText } from "../text/plain-text";
import type { TransformDefinition } from "../types";

type Nlp = ReturnType<typeof winkNLP>;

// Only sentence boundaries and part-of-speech tags (which lemmas need) are computed.
const engine = lazy(async (): Promise<Nlp> => {
  const [{ default: wink }, { default: model }] = await Promise.all([
    import("wink-nlp"),
    import("wink-eng-lite-web-model"),
  ]);
  return wink(model, ["sbd", "pos"]);
});

// List items and captions score high on key terms per word but make poor summary sentences,
// so they compete only when the text has too few full sentences.
const minWordsPerSentence = 5;

// wink-nlp recognises its helpers by identity (a bound copy silently yields the raw token
// text), but types them as methods, and gives `lemma` a signature that `out()` refuses.
function tokenFunctions(its: Nlp["its"]) {
  /* eslint-disable @typescript-eslint/unbound-method */
  return {
    lemma: its.lemma as unknown as ItsFunction<string>,
    type: its.type,
    stopWord: its.stopWordFlag,
  };
  /* eslint-enable @typescript-eslint/unbound-method */
}

interface Sentence {
  index: number;
  text: string;
  words: number;
  terms: Set<string>;
  score: number;
}

/**
 * Extractive summary: each sentence scores the TF-IDF weight of its distinct content words
 * (lemmas without stop words), treating sentences as the documents, divided by the square root
 * of its length so long sentences do not win by size alone; the best ones come back in their
 * original order.
 */
function summarize(nlp: Nlp, text: string, count: number): { summary: string[]; total: number } {
  const token = tokenFunctions(nlp.its);
  const doc = nlp.readDoc(text);
  const sentences: Sentence[] = [];
  const frequency = new Map<string, number>();
  const sentenceFrequency = new Map<string, number>();

  doc.sentences().each((s, index) => {
    const lemmas = s.tokens().out(token.lemma);
    const types = s.tokens().out(token.type);
    const stopWords = s.tokens().out(token.stopWord);
    const terms = new Set<string>();
    let words = 0;
    lemmas.forEach((lemma, i) => {
      // "unk" is how the English model types words of other scripts.
      if (types[i] !== "word" && types[i] !== "unk") return;
      words++;
      if (stopWords[i]) return;
      const term = lemma.toLowerCase();
      terms.add(term);
      frequency.set(term, (frequency.get(term) ?? 0) + 1);
    });
    for (const term of terms) sentenceFrequency.set(term, (sentenceFrequency.get(term) ?? 0) + 1);
    const sentence = s.out().replace(/\s+/g, " ").trim();
    if (sentence) sentences.push({ index, text: sentence, words, terms, score: 0 });
  });

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
    "order (extractive, works best on English prose). Headings, tables and code are ignored.",
  inputFormats: ["markdown", "html", "text"],
  outputFormat: "text",
  params,
  async run(input, params, context) {
    const text = toPlainText(input, { proseOnly: true });
    const nlp = await engine();
    await checkpoint(context, 20);
    const { summary, total } = summarize(nlp, text, params.sentences);
    return {
      content: summary.join(" "),
      format: "text",
      meta: { sentences: summary.length, totalSentences: total },
    };
  },
};
