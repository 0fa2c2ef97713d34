import { FormError } from "../components/FormError";
import { trpc, type TransformationSummary } from "../trpc";
import { CopyButton } from "./CopyButton";
import { DownloadButton } from "./DownloadButton";
import { FactsTable } from "./FactsTable";
import { ContentPane } from "./ContentPane";
import { SaveAsDocumentForm } from "./SaveAsDocumentForm";

interface TransformationResultProps {
  transformation: TransformationSummary;
  defaultTitle: string;
  canWrite: boolean;
}

export function TransformationResult({
  transformation,
  defaultTitle,
  canWrite,
}: TransformationResultProps) {
  // An attempt's output never changes; a retry invalidates it (see useLiveTransformations).
  const output = trpc.transformation.output.useQuery(
    { id: transformation.id },
    { staleTime: Infinity },
  );
  if (output.isPending) return <p role="status">Loading the result…</p>;
  if (output.isError) return <FormError error={output.error} />;

  const { content, format } = output.data;
  // Facts about text results (what a redaction found, how long a summary is); a JSON result
  // already shows them, and the per-step timings are for operators.
  const { steps: _steps, ...facts } = transformation.outputMeta ?? {};
  return (
    <section aria-label="Result" className="result">
      <ContentPane format={format} content={content} title="the result" />
      {format !== "json" && <FactsTable caption="About this result" facts={facts} />}
      <div className="actions">
        <CopyButton text={content} />
        <DownloadButton output={output.data} />
      </div>
      {canWrite && <SaveAsDocumentForm id={transformation.id} defaultTitle={defaultTitle} />}
    </section>
  );
}
