import { Link, useSearchParams } from "wouter";
import { EmptyState } from "../components/EmptyState";
import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { PageHeading } from "../components/PageHeading";
import { RelativeTime } from "../components/RelativeTime";
import { Skeleton } from "../components/Skeleton";
import { trpc, type TransformationStatus, type TransformationSummary } from "../trpc";
import { LiveIndicator } from "./LiveIndicator";
import { kindsOfRow } from "./pipeline";
import { StatusBadge, statusLabels } from "./StatusBadge";
import { useKindTitle } from "./useKindTitles";
import { useLiveTransformations } from "./useLiveTransformations";

const statuses = Object.keys(statusLabels) as TransformationStatus[];
const isStatus = (value: string | null): value is TransformationStatus =>
  value !== null && (statuses as string[]).includes(value);

function ActivityRow({
  item,
  kindTitle,
}: {
  item: TransformationSummary;
  kindTitle: (kind: string) => string;
}) {
  const title = kindsOfRow(item).map(kindTitle).join(" → ");
  const active = item.status === "queued" || item.status === "running";
  return (
    <li className="activity-row">
      <article aria-label={`${title} of ${item.documentTitle}`}>
        <h2 className="activity-title">
          <Link href={`/transformations/${item.id}`}>{title}</Link>{" "}
          <span className="of">
            of <Link href={`/documents/${item.documentId}`}>{item.documentTitle}</Link>
          </span>
        </h2>
        <p className="meta">
          <StatusBadge status={item.status} />
          <RelativeTime date={item.createdAt} />
          {item.attempts > 1 && <span>Attempts: {item.attempts}</span>}
        </p>
        {active && (
          <p className="progress">
            <progress max={100} value={item.progress} aria-label={`Progress of ${title}`} />
            <span>{item.progress}%</span>
          </p>
        )}
        {item.error && <p className="form-error">{item.error}</p>}
      </article>
    </li>
  );
}

/** The workspace's recent transformations, of every document, live. */
export function ActivityPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get("status");
  const status = isStatus(requested) ? requested : undefined;
  const input = { limit: 30, status };
  const subscription = useLiveTransformations(input);
  const list = trpc.transformation.list.useInfiniteQuery(input, {
    getNextPageParam: (page) => page.nextCursor,
  });
  const kindTitle = useKindTitle();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="activity-page">
      <PageHeading title="Activity">Activity</PageHeading>
      <p className="hint">Transformations of every document in this workspace, newest first.</p>
      <div className="filters">
        <Field label="Status">
          <select
            value={status ?? ""}
            onChange={(event) =>
              setParams(event.target.value ? { status: event.target.value } : {})
            }
          >
            <option value="">Any status</option>
            {statuses.map((value) => (
              <option key={value} value={value}>
                {statusLabels[value]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <LiveIndicator subscription={subscription} />
      {list.isPending ? (
        <Skeleton label="Loading the activity…" lines={6} />
      ) : list.isError ? (
        <FormError error={list.error} />
      ) : items.length === 0 ? (
        <EmptyState
          title={
            status
              ? `No ${statusLabels[status].toLowerCase()} transformations.`
              : "No transformations yet."
          }
        >
          <p>
            Open a <Link href="/documents">document</Link> and start a transformation: it shows
            here, live, for everyone in the workspace.
          </p>
        </EmptyState>
      ) : (
        <>
          <ul aria-label="Transformations" className="activity-list">
            {items.map((item) => (
              <ActivityRow key={item.id} item={item} kindTitle={kindTitle} />
            ))}
          </ul>
          <LoadMoreButton list={list} />
        </>
      )}
    </div>
  );
}
