import { useState } from "react";
import { Link, useLocation } from "wouter";
import { EmptyState } from "../components/EmptyState";
import { FormError } from "../components/FormError";
import { PageHeading } from "../components/PageHeading";
import { RelativeTime } from "../components/RelativeTime";
import { Skeleton } from "../components/Skeleton";
import { errorCode } from "../errors";
import { useShortcut } from "../shortcuts/ShortcutContext";
import { DocumentTransformations } from "../transformations/DocumentTransformations";
import { trpc } from "../trpc";
import { permissions, useWorkspace } from "../workspace/WorkspaceContext";
import { ContentPreview } from "./ContentPreview";
import { TagLinks } from "./TagLinks";
import { formatLabels } from "./formats";
import { usePendingDeletes } from "./PendingDeletes";

/** One document: its content, and its transformations with a form to start one. */
export function DocumentPage({ id }: { id: string }) {
  const workspace = useWorkspace();
  const can = permissions(workspace.role);
  const [, navigate] = useLocation();
  const deletes = usePendingDeletes();
  const [showSource, setShowSource] = useState(false);
  const document = trpc.document.get.useQuery({ id });

  const remove = () => {
    if (!document.data) return;
    deletes.remove(document.data);
    navigate("/documents");
  };
  useShortcut("e", "Edit this document", () => navigate(`/documents/${id}/edit`), {
    enabled: can.write,
  });
  useShortcut("#", "Delete this document (with Undo)", remove, { enabled: can.write });
  useShortcut(
    "t",
    "Start a transformation",
    () => window.document.getElementById("transform-kind")?.focus(),
    { enabled: can.write },
  );

  if (document.isPending) return <Skeleton label="Loading the document…" lines={10} />;
  if (document.isError) {
    return (
      <>
        <PageHeading title="Document not found">Document not found</PageHeading>
        {errorCode(document.error) === "NOT_FOUND" ? (
          <EmptyState title="This document does not exist in this workspace.">
            <p>
              It may have been deleted, or belong to another workspace.{" "}
              <Link href="/documents">Back to the documents</Link>
            </p>
          </EmptyState>
        ) : (
          <FormError error={document.error} />
        )}
      </>
    );
  }

  const doc = document.data;
  if (deletes.isPending(doc.id)) {
    return <EmptyState title={`“${doc.title}” is being deleted.`} />;
  }
  return (
    <article className="document-page" aria-labelledby="document-title">
      <div className="page-header">
        <div id="document-title">
          <PageHeading title={doc.title}>{doc.title}</PageHeading>
        </div>
        {can.write && (
          <div className="actions">
            <Link href={`/documents/${doc.id}/edit`} className="button primary">
              Edit
            </Link>
            <button type="button" className="danger-text" onClick={remove}>
              Delete
            </button>
          </div>
        )}
      </div>
      <p className="meta">
        <span className="format">{formatLabels[doc.format]}</span>
        <span>
          Updated <RelativeTime date={doc.updatedAt} />
        </span>
        <span>Version {doc.version}</span>
        <span>{(doc.size / 1024).toFixed(1)} KiB</span>
      </p>
      <TagLinks tags={doc.tags} />
      <section aria-label="Content" className="document-content">
        {doc.format !== "text" && (
          <div role="group" aria-label="Show content as" className="segmented">
            <button type="button" aria-pressed={!showSource} onClick={() => setShowSource(false)}>
              Rendered
            </button>
            <button type="button" aria-pressed={showSource} onClick={() => setShowSource(true)}>
              Source
            </button>
          </div>
        )}
        {doc.content.trim() === "" ? (
          <EmptyState title="This document is empty.">
            {can.write && (
              <p>
                <Link href={`/documents/${doc.id}/edit`}>Write something</Link> or import a file.
              </p>
            )}
          </EmptyState>
        ) : showSource ? (
          <pre className="result-text document-text">{doc.content}</pre>
        ) : (
          <ContentPreview format={doc.format} content={doc.content} title={doc.title} fitContent />
        )}
      </section>
      <DocumentTransformations document={doc} canWrite={can.write} />
    </article>
  );
}
