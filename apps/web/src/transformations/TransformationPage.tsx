import { useState } from "react";
import { Link } from "wouter";
import { EmptyState } from "../components/EmptyState";
import { FormError } from "../components/FormError";
import { PageHeading } from "../components/PageHeading";
import { RelativeTime } from "../components/RelativeTime";
import { Skeleton } from "../components/Skeleton";
import { DiffView } from "../diff/DiffView";
import { errorCode } from "../errors";
import { useShortcut } from "../shortcuts/ShortcutContext";
import { trpc, type DocumentDetail, type TransformationDetail } from "../trpc";
import { permissions, useWorkspace } from "../workspace/WorkspaceContext";
import { CancelTransformationButton } from "./CancelTransformationButton";
import { ContentPane, renderedText } from "./ContentPane";
import { CopyButton } from "./CopyButton";
import { DownloadButton } from "./DownloadButton";
import { FactsTable } from "./FactsTable";
import { LiveIndicator } from "./LiveIndicator";
import { RetryTransformationButton } from "./RetryTransformationButton";
import { SaveAsDocumentForm } from "./SaveAsDocumentForm";
import { StatusBadge } from "./StatusBadge";
import { useKindTitle } from "./useKindTitles";
import { useTransformationEvents } from "./useTransformationEvents";

type View = "side-by-side" | "differences";

/** One transformation: live status, and its result compared with the document it came from. */
export function TransformationPage({ id }: { id: string }) {
  const transformation = trpc.transformation.get.useQuery({ id });
  if (transformation.isPending) return <Skeleton label="Loading the transformation…" lines={8} />;
  if (transformation.isError) {
    return (
      <>
        <PageHeading title="Transformation not found">Transformation not found</PageHeading>
        {errorCode(transformation.error) === "NOT_FOUND" ? (
          <EmptyState title="This transformation does not exist in this workspace.">
            <p>
              Its document may have been deleted. See the <Link href="/activity">activity</Link> for
              the workspace's recent transformations.
            </p>
          </EmptyState>
        ) : (
          <FormError error={transformation.error} />
        )}
      </>
    );
  }
  return <Transformation row={transformation.data} />;
}

function Transformation({ row }: { row: TransformationDetail }) {
  const utils = trpc.useUtils();
  const can = permissions(useWorkspace().role);
  const kindTitle = useKindTitle();
  const document = trpc.document.get.useQuery({ id: row.documentId });
  const succeeded = row.status === "succeeded";
  const output = trpc.transformation.output.useQuery(
    { id: row.id },
    // An attempt's output never changes; a retry invalidates it.
    { enabled: succeeded, staleTime: Infinity },
  );
  const [view, setView] = useState<View>("side-by-side");

  const subscription = useTransformationEvents(row.documentId, {
    onStarted: () => void utils.transformation.get.invalidate({ id: row.id }),
    onEvent: (event) => {
      if (event.transformationId !== row.id) return;
      utils.transformation.get.setData(
        { id: row.id },
        (data) => data && { ...data, status: event.status, progress: event.progress },
      );
      if (event.status !== row.status) {
        void utils.transformation.get.invalidate({ id: row.id });
        void utils.transformation.output.invalidate({ id: row.id });
      }
    },
  });

  const steps = row.steps.map((step) => kindTitle(step.kind));
  const title = steps.join(" → ");
  const active = row.status === "queued" || row.status === "running";
  const comparable = output.data !== undefined && output.data.format !== "json";
  useShortcut(
    "d",
    "Switch between side by side and differences",
    () => setView((current) => (current === "differences" ? "side-by-side" : "differences")),
    { enabled: comparable },
  );
  const { steps: _steps, ...facts } = row.outputMeta ?? {};

  return (
    <article className="transformation-page">
      <div className="page-header">
        <PageHeading title={title}>{title}</PageHeading>
        <StatusBadge status={row.status} live />
      </div>
      <p className="meta">
        <span>
          Of{" "}
          {document.data ? (
            <Link href={`/documents/${row.documentId}`}>“{document.data.title}”</Link>
          ) : (
            "its document"
          )}
        </span>
        <span>
          Started <RelativeTime date={row.createdAt} />
        </span>
        {row.attempts > 0 && <span>Attempts: {row.attempts}</span>}
      </p>
      <LiveIndicator subscription={subscription} />
      {active && (
        <p className="progress">
          <progress max={100} value={row.progress} aria-label={`Progress of ${title}`} />
          <span>{row.progress}%</span>
        </p>
      )}
      {row.error && (
        <p role="alert" className="form-error">
          {row.error}
        </p>
      )}
      <div className="actions">
        {can.write && active && <CancelTransformationButton id={row.id} />}
        {can.write && (row.status === "failed" || row.status === "canceled") && (
          <RetryTransformationButton id={row.id} />
        )}
        {output.data && (
          <>
            <CopyButton text={output.data.content} />
            <DownloadButton output={output.data} />
          </>
        )}
      </div>
      {succeeded && output.isPending && <Skeleton label="Loading the result…" lines={6} />}
      {output.isError && <FormError error={output.error} />}
      {output.data && (
        <>
          {comparable && (
            <div role="group" aria-label="Compare" className="segmented">
              <button
                type="button"
                aria-pressed={view === "side-by-side"}
                onClick={() => setView("side-by-side")}
              >
                Side by side
              </button>
              <button
                type="button"
                aria-pressed={view === "differences"}
                onClick={() => setView("differences")}
              >
                Differences
              </button>
            </div>
          )}
          <Comparison
            document={document.data}
            documentError={document.error}
            startedAt={row.createdAt}
            output={output.data}
            view={comparable ? view : "side-by-side"}
          />
          {output.data.format !== "json" && (
            <FactsTable caption="About this result" facts={facts} />
          )}
          {can.write && (
            <SaveAsDocumentForm
              id={row.id}
              defaultTitle={`${document.data?.title ?? "Result"} (${title})`.slice(0, 200)}
            />
          )}
        </>
      )}
      {!active && !succeeded && !row.error && (
        <EmptyState title={`This transformation was ${row.status}; it has no result.`}>
          {can.write && <p>Retry it to run it again.</p>}
        </EmptyState>
      )}
    </article>
  );
}

interface ComparisonProps {
  document: DocumentDetail | undefined;
  documentError: unknown;
  startedAt: Date;
  output: { format: string; content: string };
  view: View;
}

/** The document's text beside the result, or the line differences between the two. */
function Comparison({ document, documentError, startedAt, output, view }: ComparisonProps) {
  const input = document ? (
    <>
      {document.updatedAt > startedAt && (
        <p className="hint">
          The document was edited after this transformation started; this is its current text.
        </p>
      )}
      <ContentPane format={document.format} content={document.content} title="the document" />
    </>
  ) : documentError ? (
    <FormError error={documentError} />
  ) : (
    <Skeleton label="Loading the document…" lines={6} />
  );
  if (view === "differences") {
    if (!document) return input;
    // A format conversion changes every line of source: compare what a reader sees instead.
    const converted = document.format !== output.format;
    return (
      <>
        {converted && (
          <p className="hint">
            The document is {document.format} and the result {output.format}, so their rendered text
            is compared, not their source.
          </p>
        )}
        <DiffView
          before={converted ? renderedText(document.format, document.content) : document.content}
          after={converted ? renderedText(output.format, output.content) : output.content}
          label="Differences between the document and the result"
        />
      </>
    );
  }
  return (
    <div className="side-by-side">
      <section aria-label="Input">
        <h2>Input</h2>
        {input}
      </section>
      <section aria-label="Output">
        <h2>Output</h2>
        <ContentPane format={output.format} content={output.content} title="the result" />
      </section>
    </div>
  );
}
