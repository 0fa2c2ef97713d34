import { useMemo, useState } from "react";
import { diffLines, foldUnchanged, type DiffLine } from "./lineDiff";

function Line({ line }: { line: DiffLine }) {
  const before = line.type === "added" ? "" : line.before;
  const after = line.type === "removed" ? "" : line.after;
  const text = line.text === "" ? " " : line.text;
  return (
    <div className={`diff-line diff-${line.type}`}>
      <span className="diff-number" aria-hidden="true">
        {before}
      </span>
      <span className="diff-number" aria-hidden="true">
        {after}
      </span>
      {line.type === "added" ? (
        <ins>{text}</ins>
      ) : line.type === "removed" ? (
        <del>{text}</del>
      ) : (
        <span>{text}</span>
      )}
    </div>
  );
}

function Folded({ lines }: { lines: DiffLine[] }) {
  const [open, setOpen] = useState(false);
  if (open) return lines.map((line, index) => <Line key={index} line={line} />);
  return (
    <button type="button" className="diff-fold" onClick={() => setOpen(true)}>
      Show {lines.length} unchanged lines
    </button>
  );
}

/**
 * What changed from `before` to `after`, line by line: removals struck through (<del>), additions
 * underlined (<ins>), which screen readers announce as deletion and insertion.
 */
export function DiffView({
  before,
  after,
  label,
}: {
  before: string;
  after: string;
  label: string;
}) {
  const diff = useMemo(() => diffLines(before, after), [before, after]);
  if (!diff) {
    return (
      <p className="hint">
        These texts differ in too many lines to compare line by line; compare them side by side
        instead.
      </p>
    );
  }
  if (diff.added === 0 && diff.removed === 0) {
    return <p className="hint">No differences: both texts are the same.</p>;
  }
  return (
    <figure className="diff" aria-label={label}>
      <figcaption className="diff-summary">
        {diff.added} line{diff.added === 1 ? "" : "s"} added, {diff.removed} removed
      </figcaption>
      <div className="diff-lines">
        {foldUnchanged(diff.lines).map((segment, index) =>
          segment.type === "lines" ? (
            segment.lines.map((line, k) => <Line key={`${index}-${k}`} line={line} />)
          ) : (
            <Folded key={index} lines={segment.lines} />
          ),
        )}
      </div>
    </figure>
  );
}
