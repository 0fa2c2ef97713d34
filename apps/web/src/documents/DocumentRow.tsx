import { Link } from "wouter";
import { RelativeTime } from "../components/RelativeTime";
import { StatusBadge } from "../transformations/StatusBadge";
import type { DocumentSummary } from "../trpc";
import { formatLabels } from "./formats";
import { plainExcerpt } from "./plainExcerpt";
import { TagLinks } from "./TagLinks";

interface DocumentRowProps {
  document: DocumentSummary;
  canWrite: boolean;
  kindTitle: (kind: string) => string;
  onDelete: () => void;
}

/** One document in the list: what it is, its latest transformation, and what can be done. */
export function DocumentRow({ document, canWrite, kindTitle, onDelete }: DocumentRowProps) {
  const latest = document.transformations[0];
  const excerpt = plainExcerpt(document.format, document.excerpt);
  return (
    <article aria-label={document.title} className="document-row">
      <h2 className="document-title">
        <Link href={`/documents/${document.id}`} className="document-link">
          {document.title}
        </Link>
      </h2>
      <p className="meta">
        <span className="format">{formatLabels[document.format]}</span>
        <span>
          Updated <RelativeTime date={document.updatedAt} />
        </span>
        {latest && (
          <span>
            {kindTitle(latest.kind)} <StatusBadge status={latest.status} />
          </span>
        )}
      </p>
      <TagLinks tags={document.tags} />
      {excerpt && <p className="excerpt">{excerpt}</p>}
      {canWrite && (
        <div className="row-actions">
          <Link
            href={`/documents/${document.id}/edit`}
            className="button"
            aria-label={`Edit ${document.title}`}
          >
            Edit
          </Link>
          <button
            type="button"
            className="danger-text"
            aria-label={`Delete ${document.title}`}
            onClick={onDelete}
          >
            Delete
          </button>
        </div>
      )}
    </article>
  );
}
