import { useEffect, useRef } from "react";
import { Link } from "wouter";
import { EmptyState } from "../components/EmptyState";
import { FormError } from "../components/FormError";
import { PageHeading } from "../components/PageHeading";
import { Skeleton } from "../components/Skeleton";
import { errorCode } from "../errors";
import { trpc } from "../trpc";
import { useSwitchWorkspace } from "../workspace/useSwitchWorkspace";
import { personsWorkspace, WorkspaceContext } from "../workspace/WorkspaceContext";
import { WorkspacePages } from "./WorkspacePages";

/**
 * The pages under /w/:workspaceId. The address decides the workspace, so a link works for every
 * member whichever workspace they were in: when the session is in another one, this switches.
 */
export function WorkspaceRoute({ workspaceId }: { workspaceId: string }) {
  const current = trpc.workspace.current.useQuery();
  const switchTo = useSwitchWorkspace();
  const started = useRef(false);
  const matches = current.data?.id === workspaceId;
  // Also when the current one fails: the caller may have left it, or it was deleted.
  const mustSwitch = !matches && (current.isSuccess || current.isError);
  useEffect(() => {
    if (!mustSwitch || started.current) return;
    // Once: two switches at a time would race to store their refresh tokens.
    started.current = true;
    switchTo.mutate({ workspaceId });
  }, [mustSwitch, switchTo, workspaceId]);

  if (switchTo.isError) {
    const missing = ["NOT_FOUND", "BAD_REQUEST"].includes(errorCode(switchTo.error) ?? "");
    return (
      <>
        <PageHeading title="Workspace not available">Workspace not available</PageHeading>
        {missing ? (
          <EmptyState title="This workspace does not exist, or you are not a member of it.">
            <p>
              Ask one of its admins for an invitation, or go back to{" "}
              <Link href="~/">your own workspace</Link>.
            </p>
          </EmptyState>
        ) : (
          <FormError error={switchTo.error} />
        )}
      </>
    );
  }
  if (switchTo.isSuccess && current.isError) return <FormError error={current.error} />;
  const workspace = personsWorkspace(current.data);
  if (!matches || !workspace) return <Skeleton label="Opening the workspace…" lines={6} />;
  return (
    <WorkspaceContext value={workspace}>
      <WorkspacePages />
    </WorkspaceContext>
  );
}
