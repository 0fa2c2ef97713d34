import { useQueryClient } from "@tanstack/react-query";
import { useSession } from "../auth/SessionContext";
import { FormError } from "../components/FormError";
import { trpc } from "../trpc";

/** The workspace lives in the access token, so switching means new tokens, then fresh data. */
export function WorkspaceSwitcher({ currentId }: { currentId: string }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const mine = trpc.workspace.mine.useQuery();
  const switchWorkspace = trpc.auth.switchWorkspace.useMutation({
    onSuccess: ({ tokens }) => {
      session.signIn(tokens);
      return queryClient.invalidateQueries();
    },
  });
  return (
    <>
      <label className="inline-field">
        Workspace
        <select
          value={currentId}
          disabled={!mine.data || switchWorkspace.isPending}
          onChange={(event) => switchWorkspace.mutate({ workspaceId: event.target.value })}
        >
          {mine.data?.map((workspace) => (
            <option key={workspace.id} value={workspace.id}>
              {workspace.name} ({workspace.role})
            </option>
          )) ?? <option value={currentId}>Loading…</option>}
        </select>
      </label>
      <FormError error={mine.error ?? switchWorkspace.error} />
    </>
  );
}
