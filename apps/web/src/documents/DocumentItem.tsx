import { useState } from "react";
import { DocumentTransformations } from "../transformations/DocumentTransformations";
import type { DocumentSummary } from "../trpc";
import { DeleteDocumentButton } from "./DeleteDocumentButton";
import { EditDocumentForm } from "./EditDocumentForm";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

interface DocumentItemProps {
  document: DocumentSummary;
  canWrite: boolean;
  transforming: boolean;
  onToggleTransforming: () => void;
}

export function DocumentItem({
  document,
  canWrite,
  transforming,
  onToggleTransforming,
}: DocumentItemProps) {
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li className="document">
        <EditDocumentForm
          id={document.id}
          title={document.title}
          onDone={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="document">
      <article aria-label={document.title}>
        <h3>{document.title}</h3>
        <p className="meta">
          <span className="format">{document.format}</span>
          <span>
            Updated{" "}
            <time dateTime={document.updatedAt.toISOString()}>
              {timeFormat.format(document.updatedAt)}
            </time>
          </span>
        </p>
        {document.tags.length > 0 && (
          <ul className="tags" aria-label="Tags">
            {document.tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        )}
        {document.excerpt && <p className="excerpt">{document.excerpt}</p>}
        <div className="actions">
          <button
            type="button"
            aria-label={`${canWrite ? "Transform" : "Transformations of"} ${document.title}`}
            aria-expanded={transforming}
            onClick={onToggleTransforming}
          >
            {canWrite ? "Transform" : "Transformations"}
          </button>
          {canWrite && (
            <>
              <button
                type="button"
                aria-label={`Edit ${document.title}`}
                onClick={() => setEditing(true)}
              >
                Edit
              </button>
              <DeleteDocumentButton id={document.id} title={document.title} />
            </>
          )}
        </div>
      </article>
      {transforming && <DocumentTransformations document={document} canWrite={canWrite} />}
    </li>
  );
}
