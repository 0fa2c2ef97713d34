import { Redirect } from "wouter";
import { FormError } from "../components/FormError";
import { Skeleton } from "../components/Skeleton";
import { trpc } from "../trpc";

/** "/" is the documents of the session's workspace, or of the first one left if that is gone. */
export function RootRedirect() {
  const current = trpc.workspace.current.useQuery();
  const mine = trpc.workspace.mine.useQuery(undefined, { enabled: current.isError });
  if (current.data) return <Redirect to={`/w/${current.data.id}/documents`} replace />;
  if (mine.data) {
    const first = mine.data[0];
    return <Redirect to={first ? `/w/${first.id}/documents` : "/workspaces/new"} replace />;
  }
  if (mine.isError) return <FormError error={mine.error} />;
  return <Skeleton label="Opening your workspace…" lines={6} />;
}
