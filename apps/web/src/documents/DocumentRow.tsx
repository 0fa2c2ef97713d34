import { Pencil, Trash2 } from "lucide-react";
import { Link } from "wouter";
import { RelativeTime } from "../components/RelativeTime";
import { StatusBadge } from "../transformations/StatusBadge";
import type { DocumentSummary } from "../trpc";
import { formatLabels } from "./formats";
import { plainExcerpt, plainExcerptParts } from "./plainExcerpt";
import { TagLinks } from "./TagLinks";

interface DocumentRowProps {
  document: DocumentSummary;
  canWrite: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  kindTitle: (kind: string) => string;
  onDelete: () => void;
}

/** The excerpt, with the words a search matched marked (as elements, never as HTML). */
function Excerpt({ document }: { document: DocumentSummary }) {
  if (document.excerptParts) {
    return (
      <p className="excerpt">
        {plainExcerptParts(document.format, document.excerptParts).map((part, index) =>
          part.match ? <mark key={index}>{part.text}</mark> : part.text,
        )}
      </p>
    );
  }
  const excerpt = plainExcerpt(document.format, document.excerpt);
  return excerpt ? <p className="excerpt">{excerpt}</p> : null;
}

/**
 * One document in the list, on one line: a box to select it, what it is, its latest
 * transformation, and the row's actions (shown on hover and when the row has the focus).
 */
export function DocumentRow({
  document,
  canWrite,
  selected,
  onSelect,
  kindTitle,
  onDelete,
}: DocumentRowProps) {
  const latest = document.transformations[0];
  return (
    <article aria-label={document.title} className="document-row">
      {canWrite && (
        <input
          type="checkbox"
          className="row-select"
          aria-label={`Select ${document.title}`}
          checked={selected}
          onChange={(event) => onSelect(event.target.checked)}
        />
      )}
      <div className="row-text">
        <h2 className="document-title">
          <Link href={`/documents/${document.id}`} className="document-link">
            {document.title}
          </Link>
        </h2>
        <Excerpt document={document} />
      </div>
      <TagLinks tags={document.tags} />
      <span className="format">{formatLabels[document.format]}</span>
      <span className="row-latest">
        {latest && (
          <>
            <span className="visually-hidden">{kindTitle(latest.kind)}: </span>
            <StatusBadge status={latest.status} />
          </>
        )}
      </span>
      <span className="row-time">
        <RelativeTime date={document.updatedAt} />
      </span>
      {canWrite && (
        <div className="row-actions">
          <Link
            href={`/documents/${document.id}/edit`}
            className="button quiet icon-button"
            aria-label={`Edit ${document.title}`}
            title="Edit (e)"
          >
            <Pencil size={15} aria-hidden />
          </Link>
          <button
            type="button"
            className="quiet icon-button danger-icon"
            aria-label={`Delete ${document.title}`}
            title="Delete"
            onClick={onDelete}
          >
            <Trash2 size={15} aria-hidden />
          </button>
        </div>
      )}
    </article>
  );
}
