// Unicode segmentation (UAX #29) from the runtime's ICU: language-neutral, so Arabic, Hebrew,
// CJK and emoji sequences split where a reader would expect, without an English-only model.
const graphemeSegmenter = new Intl.Segmenter("und", { granularity: "grapheme" });
const wordSegmenter = new Intl.Segmenter("und", { granularity: "word" });
const sentenceSegmenter = new Intl.Segmenter("und", { granularity: "sentence" });

export function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

// Below U+0300 (where combining marks start) and without CR, every code unit is a cluster of
// its own; most text is, and counting it needs no segmenter.
const multiUnitClusters = /[\u0300-\uffff\r]/;

export function graphemeCount(text: string): number {
  if (!multiUnitClusters.test(text)) return text.length;
  const clusters = graphemeSegmenter.segment(text)[Symbol.iterator]();
  let count = 0;
  while (!clusters.next().done) count++;
  return count;
}

export function words(text: string): string[] {
  const result: string[] = [];
  for (const s of wordSegmenter.segment(text)) if (s.isWordLike) result.push(s.segment);
  return result;
}

/** Words and the runs between them, in order, so that joining them gives the text back. */
export function wordPieces(text: string): string[] {
  return Array.from(wordSegmenter.segment(text), (s) => s.segment);
}

/** Sentences with surrounding whitespace trimmed; a line break also ends a sentence. */
export function sentences(text: string): string[] {
  const result: string[] = [];
  for (const s of sentenceSegmenter.segment(text)) {
    const sentence = s.segment.trim();
    if (sentence) result.push(sentence);
  }
  return result;
}
