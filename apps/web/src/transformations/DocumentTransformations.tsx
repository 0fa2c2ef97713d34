import { useMemo } from "react";
import { FormError } from "../components/FormError";
import { Skeleton } from "../components/Skeleton";
import type { DocumentDetail } from "../trpc";
import { pipelineKinds } from "./pipeline";
import { TransformationList } from "./TransformationList";
import { TransformForm } from "./TransformForm";
import { useKinds } from "./useKindTitles";

type TransformedDocument = Pick<DocumentDetail, "id" | "title" | "format">;

/** A document's transformations: a form to start one (for writers) and the live list. */
export function DocumentTransformations({
  document,
  canWrite,
}: {
  document: TransformedDocument;
  canWrite: boolean;
}) {
  const kinds = useKinds();
  const offered = useMemo(() => pipelineKinds(kinds.data ?? []), [kinds.data]);
  const catalogue = useMemo(
    () => new Map((kinds.data ?? []).map((kind) => [kind.name, kind])),
    [kinds.data],
  );

  return (
    <section aria-label={`Transformations of ${document.title}`} className="transformations">
      <h2>Transformations</h2>
      {canWrite && (
        <>
          <h3>Start a transformation</h3>
          {kinds.isPending ? (
            <Skeleton label="Loading transformation kinds…" lines={2} />
          ) : kinds.isError ? (
            <FormError error={kinds.error} />
          ) : (
            <TransformForm
              documentId={document.id}
              documentTitle={document.title}
              documentFormat={document.format}
              kinds={offered}
            />
          )}
        </>
      )}
      <h3>History</h3>
      <TransformationList
        documentId={document.id}
        documentTitle={document.title}
        catalogue={catalogue}
        canWrite={canWrite}
      />
    </section>
  );
}
