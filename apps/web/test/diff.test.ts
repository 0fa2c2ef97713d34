import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines, foldUnchanged, splitLines, type DiffLine } from "../src/diff/lineDiff";

/** The longest common subsequence's length, the slow way: what a minimal diff keeps. */
function lcs(a: string[], b: string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i]![j] =
        a[i - 1] === b[j - 1]
          ? table[i - 1]![j - 1]! + 1
          : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
    }
  }
  return table[a.length]![b.length]!;
}

const side = (lines: DiffLine[], keep: DiffLine["type"]) =>
  lines.filter((line) => line.type === "same" || line.type === keep).map((line) => line.text);

describe("line diff", () => {
  it("marks what was removed and added, numbering lines on both sides", () => {
    const diff = diffLines("a\nb\nc\nd", "a\nc\nd\ne");
    expect(diff).toEqual({
      added: 1,
      removed: 1,
      lines: [
        { type: "same", text: "a", before: 1, after: 1 },
        { type: "removed", text: "b", before: 2 },
        { type: "same", text: "c", before: 3, after: 2 },
        { type: "same", text: "d", before: 4, after: 3 },
        { type: "added", text: "e", after: 4 },
      ],
    });
  });

  it("reads every line ending (\\n, \\r\\n, \\r) alike, and an empty text as no lines", () => {
    expect(splitLines("a\r\nb\rc\n")).toEqual(["a", "b", "c", ""]);
    expect(diffLines("", "")).toEqual({ lines: [], added: 0, removed: 0 });
    expect(diffLines("x\r\ny", "x\ny")).toMatchObject({ added: 0, removed: 0 });
  });

  it("rebuilds both texts and changes as few lines as possible, for any pair of texts", () => {
    const lines = fc.array(fc.constantFrom("a", "b", "c", "", "d e"), { maxLength: 25 });
    fc.assert(
      fc.property(lines, lines, (before, after) => {
        const diff = diffLines(before.join("\n"), after.join("\n"))!;
        const a = splitLines(before.join("\n"));
        const b = splitLines(after.join("\n"));
        expect(side(diff.lines, "removed")).toEqual(a);
        expect(side(diff.lines, "added")).toEqual(b);
        expect(diff.added + diff.removed).toBe(a.length + b.length - 2 * lcs(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it("gives up, rather than take long, when more lines change than it may compare", () => {
    const before = Array.from({ length: 50 }, (_, i) => `old ${i}`).join("\n");
    const after = Array.from({ length: 50 }, (_, i) => `new ${i}`).join("\n");
    expect(diffLines(before, after, 20)).toBeNull();
    expect(diffLines(before, after, 100)).toMatchObject({ added: 50, removed: 50 });
  });

  it("compares long texts with a small change quickly", () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const after = [...before];
    after[10_000] = "changed";
    const started = performance.now();
    expect(diffLines(before.join("\n"), after.join("\n"))).toMatchObject({ added: 1, removed: 1 });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("folding unchanged lines", () => {
  const same = (n: number): DiffLine[] =>
    Array.from({ length: n }, (_, i) => ({
      type: "same",
      text: `s${i}`,
      before: i + 1,
      after: i + 1,
    }));

  it("keeps three lines of context around each change and folds the rest", () => {
    const lines: DiffLine[] = [...same(10), { type: "added", text: "new", after: 11 }, ...same(10)];
    const segments = foldUnchanged(lines);
    expect(segments.map((segment) => [segment.type, segment.lines.length])).toEqual([
      ["unchanged", 7],
      ["lines", 7],
      ["unchanged", 7],
    ]);
    // Folded lines stay available to unfold.
    expect(segments.flatMap((segment) => segment.lines)).toEqual(lines);
  });

  it("does not fold a stretch of one or two lines, nor anything without changes nearby", () => {
    const lines: DiffLine[] = [
      { type: "removed", text: "x", before: 1 },
      ...same(8),
      { type: "removed", text: "y", before: 10 },
    ];
    expect(foldUnchanged(lines).map((segment) => segment.type)).toEqual(["lines"]);
  });
});
