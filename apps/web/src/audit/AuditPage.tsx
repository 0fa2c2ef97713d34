import { useMemo } from "react";
import { useSearchParams } from "wouter";
import { describeUserAgent } from "../account/userAgent";
import { EmptyState } from "../components/EmptyState";
import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { PageHeading } from "../components/PageHeading";
import { RelativeTime } from "../components/RelativeTime";
import { Skeleton } from "../components/Skeleton";
import { errorCode } from "../errors";
import { labelFor } from "../labelFor";
import { trpc, type AuditEvent } from "../trpc";
import { permissions, useWorkspace } from "../workspace/WorkspaceContext";
import { auditActionLabels, auditActions, isAuditAction } from "./auditLabels";

/** Shown as whom the entry concerns, not among its details. */
const memberKeys = new Set(["memberName", "memberEmail"]);

const detailText = (details: Record<string, unknown>) =>
  Object.entries(details)
    .filter(
      ([key, value]) =>
        !memberKeys.has(key) && value !== null && value !== undefined && value !== "",
    )
    .map(([key, value]) => {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      return `${labelFor(key)}: ${text}`;
    })
    .join(" · ");

function AuditRow({ event, names }: { event: AuditEvent; names: Map<string, string> }) {
  // The entry's own record of the member first: someone removed is no longer in the list.
  const { memberName, memberEmail } = event.details as {
    memberName?: string;
    memberEmail?: string;
  };
  const target =
    memberName !== undefined
      ? `${memberName} (${memberEmail})`
      : event.targetId
        ? names.get(event.targetId)
        : undefined;
  const details = detailText(event.details);
  return (
    <li className="audit-row">
      <article aria-label={auditActionLabels[event.action]}>
        <p className="audit-what">
          <strong>{auditActionLabels[event.action]}</strong>
          {target && <> — {target}</>}
        </p>
        <p className="meta">
          <RelativeTime date={event.createdAt} />
          <span>By {event.actorEmail ?? "someone unknown"}</span>
          {event.ip && <span>From {event.ip}</span>}
          {event.userAgent && <span>{describeUserAgent(event.userAgent)}</span>}
        </p>
        {details && <p className="hint">{details}</p>}
      </article>
    </li>
  );
}

/** The workspace's security log (sign-ins, member and invitation changes), for admins. */
export function AuditPage() {
  const workspace = useWorkspace();
  const [params, setParams] = useSearchParams();
  const requested = params.get("action");
  const action = isAuditAction(requested) ? requested : undefined;
  const admin = permissions(workspace.role).admin;
  const log = trpc.audit.list.useInfiniteQuery(
    { limit: 50, action },
    { getNextPageParam: (page) => page.nextCursor, enabled: admin },
  );
  const members = trpc.workspace.members.useQuery(undefined, { enabled: admin });
  const names = useMemo(
    () =>
      new Map(members.data?.map((member) => [member.userId, `${member.name} (${member.email})`])),
    [members.data],
  );
  const events = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="audit-page">
      <PageHeading title="Audit log">Audit log</PageHeading>
      {!admin || errorCode(log.error) === "FORBIDDEN" ? (
        <EmptyState title="Only admins and owners can read the audit log.">
          <p>Ask one of them if you need to know who did what in this workspace.</p>
        </EmptyState>
      ) : (
        <>
          <div className="filters">
            <Field label="Action">
              <select
                value={action ?? ""}
                onChange={(event) =>
                  setParams(event.target.value ? { action: event.target.value } : {})
                }
              >
                <option value="">Any action</option>
                {auditActions.map((value) => (
                  <option key={value} value={value}>
                    {auditActionLabels[value]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {log.isPending ? (
            <Skeleton label="Loading the audit log…" lines={6} />
          ) : log.isError ? (
            <FormError error={log.error} />
          ) : events.length === 0 ? (
            <EmptyState title={action ? "Nothing of this kind yet." : "Nothing logged yet."}>
              <p>Sign-ins, invitations and member changes are recorded here as they happen.</p>
            </EmptyState>
          ) : (
            <>
              <ul aria-label="Audit log" className="audit-list">
                {events.map((event) => (
                  <AuditRow key={event.id} event={event} names={names} />
                ))}
              </ul>
              <LoadMoreButton list={log} />
            </>
          )}
        </>
      )}
    </div>
  );
}
