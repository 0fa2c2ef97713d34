import { useMemo } from "react";
import { FormError } from "../components/FormError";
import { trpc, type DocumentSummary } from "../trpc";
import { pipelineKinds } from "./pipeline";
import { TransformationList } from "./TransformationList";
import { TransformForm } from "./TransformForm";

/** A document's transformations: a form to start one (for writers) and the live list. */
export function DocumentTransformations({
  document,
  canWrite,
}: {
  document: DocumentSummary;
  canWrite: boolean;
}) {
  // The catalogue changes only with a deploy or the server's LLM settings.
  const kinds = trpc.transformation.kinds.useQuery(undefined, { staleTime: 5 * 60_000 });
  const offered = useMemo(() => pipelineKinds(kinds.data ?? []), [kinds.data]);
  const catalogue = useMemo(
    () => new Map((kinds.data ?? []).map((kind) => [kind.name, kind])),
    [kinds.data],
  );

  return (
    <section aria-label={`Transformations of ${document.title}`} className="transformations">
      {canWrite && (
        <>
          <h4>Transform</h4>
          {kinds.isPending ? (
            <p role="status">Loading transformation kinds…</p>
          ) : kinds.isError ? (
            <FormError error={kinds.error} />
          ) : (
            <TransformForm
              documentId={document.id}
              documentFormat={document.format}
              kinds={offered}
            />
          )}
        </>
      )}
      <h4>Transformations</h4>
      <TransformationList
        documentId={document.id}
        documentTitle={document.title}
        catalogue={catalogue}
        canWrite={canWrite}
      />
    </section>
  );
}
