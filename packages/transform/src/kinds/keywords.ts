import { toString } from "nlcst-to-string";
import { unified } from "unified";
import { VFile } from "vfile";
import { z } from "zod";
import { checkpoint } from "../checkpoint";
import { lazy } from "../lazy";
import { toPlainText } from "../text/plain-text";
import type { TransformDefinition } from "../types";

export interface KeywordsResult {
  keywords: { term: string; score: number }[];
  keyphrases: { phrase: string; score: number; occurrences: number }[];
}

const maxCount = 50;

const params = z.strictObject({
  count: z
    .int()
    .min(1)
    .max(maxCount)
    .default(10)
    .describe("How many keywords (and at most how many key phrases) to return"),
});

export const keywordsKind: TransformDefinition<typeof params> = {
  name: "keywords",
  title: "Keywords",
  description:
    "Finds the most important words and multi-word phrases of an English text, scored by " +
    "frequency and part of speech. Headings, tables and code blocks are ignored.",
  inputFormats: ["markdown", "html", "text"],
  outputFormat: "json",
  params,
  async run(input, params, context) {
    const text = toPlainText(input, { proseOnly: true });
    await checkpoint(context, 20);
    const result = await extractKeywords(text, params.count);
    return {
      content: JSON.stringify(result, null, 2),
      format: "json",
      meta: { keywords: result.keywords.length, keyphrases: result.keyphrases.length },
    };
  },
};

const keywordProcessor = lazy(async () => {
  const [{ default: retextEnglish }, { default: retextPos }, { default: retextKeywords }] =
    await Promise.all([import("retext-english"), import("retext-pos"), import("retext-keywords")]);
  // The widest count allowed, so that enough multi-word phrases remain after the filter below.
  return unified().use(retextEnglish).use(retextPos).use(retextKeywords, { maximum: maxCount });
});

async function extractKeywords(text: string, count: number): Promise<KeywordsResult> {
  const processor = await keywordProcessor();
  const file = new VFile(text);
  await processor.run(processor.parse(file), file);

  // retext-keywords returns more than `maximum` when scores tie. Its phrases include single
  // words, which `keywords` already lists; phrases here are the multi-word ones.
  const keywords = (file.data.keywords ?? []).slice(0, count).map((keyword) => ({
    term: commonest(keyword.matches.map((m) => toString(m.node))),
    score: round(keyword.score),
  }));
  const keyphrases = (file.data.keyphrases ?? [])
    .filter((phrase) => phrase.stems.length > 1)
    .slice(0, count)
    .map((phrase) => ({
      phrase: commonest(phrase.matches.map((m) => toString(m.nodes))),
      score: round(phrase.score),
      occurrences: phrase.matches.length,
    }));
  return { keywords, keyphrases };
}

/** Matches are grouped by stem ("Transform", "transforms"); show the form used most. */
function commonest(forms: string[]): string {
  const counts = new Map<string, number>();
  for (const form of forms) counts.set(form, (counts.get(form) ?? 0) + 1);
  let best = forms[0] ?? "";
  for (const [form, n] of counts) if (n > (counts.get(best) ?? 0)) best = form;
  return best;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
