/**
 * Line diff (Myers' O((N+M)·D) algorithm) for comparing a document with a transformation's
 * output, or one's own edit with someone else's. Lines are compared as integers; the common head
 * and tail are cut off first, since most edits touch a small part of a text.
 */

export type DiffLine =
  | { type: "same"; text: string; before: number; after: number }
  | { type: "removed"; text: string; before: number }
  | { type: "added"; text: string; after: number };

export interface LineDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
}

export const splitLines = (text: string) => (text === "" ? [] : text.split(/\r\n|\r|\n/));

/**
 * The edit script from `before` to `after`, or null when more than `maxEdits` lines change
 * (a comparison that large is slow and unreadable).
 */
export function diffLines(before: string, after: string, maxEdits = 2_000): LineDiff | null {
  const a = splitLines(before);
  const b = splitLines(after);
  const ids = new Map<string, number>();
  const idOf = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const x = Int32Array.from(a, idOf);
  const y = Int32Array.from(b, idOf);

  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (
    tail < x.length - head &&
    tail < y.length - head &&
    x[x.length - 1 - tail] === y[y.length - 1 - tail]
  ) {
    tail++;
  }

  const middle = myers(
    x.subarray(head, x.length - tail),
    y.subarray(head, y.length - tail),
    maxEdits,
  );
  if (!middle) return null;

  const lines: DiffLine[] = [];
  for (let i = 0; i < head; i++)
    lines.push({ type: "same", text: a[i]!, before: i + 1, after: i + 1 });
  let added = 0;
  let removed = 0;
  for (const step of middle) {
    if (step.type === "same") {
      const i = head + step.before;
      lines.push({ type: "same", text: a[i]!, before: i + 1, after: head + step.after + 1 });
    } else if (step.type === "removed") {
      removed++;
      lines.push({ type: "removed", text: a[head + step.before]!, before: head + step.before + 1 });
    } else {
      added++;
      lines.push({ type: "added", text: b[head + step.after]!, after: head + step.after + 1 });
    }
  }
  for (let i = tail; i > 0; i--) {
    const before = a.length - i;
    const afterIndex = b.length - i;
    lines.push({ type: "same", text: a[before]!, before: before + 1, after: afterIndex + 1 });
  }
  return { lines, added, removed };
}

type Step =
  | { type: "same"; before: number; after: number }
  | { type: "removed"; before: number }
  | { type: "added"; after: number };

function myers(a: Int32Array, b: Int32Array, maxEdits: number): Step[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // Each round's furthest points, kept only for the diagonals that round can reach.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxEdits); d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): Step[] {
  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const snapshot = trace[d]!;
    const at = (k: number) => snapshot[k + d + 1]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
      steps.push({ type: "same", before: x, after: y });
    }
    if (d > 0) {
      if (x === previousX) steps.push({ type: "added", after: --y });
      else steps.push({ type: "removed", before: --x });
    }
  }
  return steps.reverse();
}

export type DiffSegment =
  { type: "lines"; lines: DiffLine[] } | { type: "unchanged"; count: number; lines: DiffLine[] };

/**
 * Long unchanged stretches folded away, keeping `context` lines around each change (as in a
 * unified diff); the folded lines stay available to unfold.
 */
export function foldUnchanged(lines: DiffLine[], context = 3): DiffSegment[] {
  const keep = new Uint8Array(lines.length);
  lines.forEach((line, index) => {
    if (line.type === "same") return;
    for (
      let i = Math.max(0, index - context);
      i <= Math.min(lines.length - 1, index + context);
      i++
    ) {
      keep[i] = 1;
    }
  });
  const segments: DiffSegment[] = [];
  let start = 0;
  while (start < lines.length) {
    const kept = keep[start] === 1;
    let end = start;
    while (end < lines.length && (keep[end] === 1) === kept) end++;
    const run = lines.slice(start, end);
    // Folding a line or two saves nothing.
    if (kept || run.length <= 2) segments.push({ type: "lines", lines: run });
    else segments.push({ type: "unchanged", count: run.length, lines: run });
    start = end;
  }
  // Neighbouring runs of shown lines read as one.
  return segments.reduce<DiffSegment[]>((merged, segment) => {
    const last = merged.at(-1);
    if (last?.type === "lines" && segment.type === "lines") last.lines.push(...segment.lines);
    else merged.push(segment);
    return merged;
  }, []);
}
