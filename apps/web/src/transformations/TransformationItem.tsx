import { useState } from "react";
import { Link } from "wouter";
import type { TransformationSummary } from "../trpc";
import { CancelTransformationButton } from "./CancelTransformationButton";
import { kindsOfRow, type Catalogue } from "./pipeline";
import { RetryTransformationButton } from "./RetryTransformationButton";
import { StatusBadge } from "./StatusBadge";
import { TransformationResult } from "./TransformationResult";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

interface TransformationItemProps {
  transformation: TransformationSummary;
  catalogue: Catalogue;
  documentTitle: string;
  canWrite: boolean;
}

export function TransformationItem({
  transformation,
  catalogue,
  documentTitle,
  canWrite,
}: TransformationItemProps) {
  const [showResult, setShowResult] = useState(false);
  const { id, status, progress, attempts, error } = transformation;
  const title = kindsOfRow(transformation)
    .map((kind) => catalogue.get(kind)?.title ?? kind)
    .join(" → ");
  const active = status === "queued" || status === "running";
  return (
    <li className="transformation">
      <article aria-label={title}>
        <header className="transformation-header">
          <h4>{title}</h4>
          <StatusBadge status={status} live />
          <time dateTime={transformation.createdAt.toISOString()}>
            {timeFormat.format(transformation.createdAt)}
          </time>
        </header>
        {active && (
          <p className="progress">
            <progress max={100} value={progress} aria-label={`Progress of ${title}`} />
            <span>{progress}%</span>
          </p>
        )}
        {attempts > 0 && <p className="meta">Attempts: {attempts}</p>}
        {error && <p className="form-error">{error}</p>}
        <div className="actions">
          {canWrite && active && <CancelTransformationButton id={id} />}
          {canWrite && (status === "failed" || status === "canceled") && (
            <RetryTransformationButton id={id} />
          )}
          <Link href={`/transformations/${id}`}>
            {status === "succeeded" ? "Compare with the document" : "Details"}
            <span className="visually-hidden">: {title}</span>
          </Link>
          {status === "succeeded" && (
            <button
              type="button"
              aria-expanded={showResult}
              onClick={() => setShowResult((shown) => !shown)}
            >
              {showResult ? "Hide result" : "Show result"}
            </button>
          )}
        </div>
        {status === "succeeded" && showResult && (
          <TransformationResult
            transformation={transformation}
            defaultTitle={`${documentTitle} (${title})`.slice(0, 200)}
            canWrite={canWrite}
          />
        )}
      </article>
    </li>
  );
}
