import { useEffect, useRef } from "react";
import { DiffView } from "../diff/DiffView";
import type { DocumentDetail } from "../trpc";
import type { DocumentValues } from "./documentValues";

interface ConflictNoticeProps {
  theirs: DocumentDetail;
  mine: DocumentValues;
  pending: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

/**
 * Someone saved the document after it was opened here. Nothing is lost either way: the user
 * sees what differs, then saves their version over the newer one or takes the newer one.
 */
export function ConflictNotice({
  theirs,
  mine,
  pending,
  onKeepMine,
  onTakeTheirs,
}: ConflictNoticeProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Shown at the top of a long form while the user is at its bottom: bring it into view.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: "start" });
    heading.current?.focus({ preventScroll: true });
  }, [theirs.version]);
  return (
    <div role="alert" className="conflict">
      <h2 ref={heading} tabIndex={-1}>
        Someone else changed this document
      </h2>
      <p>
        It was saved (version {theirs.version}) after you opened it, so your changes were not saved.
        Here is how your version differs from theirs; your text is still in the editor below.
      </p>
      {theirs.title !== mine.title && (
        <p>
          Their title: “{theirs.title}”; yours: “{mine.title}”.
        </p>
      )}
      <DiffView
        before={theirs.content}
        after={mine.content}
        label="Their version compared with yours"
      />
      <div className="actions">
        <button type="button" className="primary" disabled={pending} onClick={onKeepMine}>
          Save mine over theirs
        </button>
        <button type="button" disabled={pending} onClick={onTakeTheirs}>
          Discard mine and load theirs
        </button>
      </div>
    </div>
  );
}
