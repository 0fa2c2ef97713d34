import { useQueryClient } from "@tanstack/react-query";
import { useSession } from "../auth/SessionContext";
import { usePendingDeletes } from "../documents/PendingDeletes";
import { trpc } from "../trpc";

/**
 * The workspace lives in the access token, so switching means new tokens. Every cached answer
 * then goes (reset, not just refetched): nothing of the last workspace may show in the next,
 * not even for the moment a refetch takes.
 */
export function useSwitchWorkspace() {
  const session = useSession();
  const queryClient = useQueryClient();
  const deletes = usePendingDeletes();
  return trpc.auth.switchWorkspace.useMutation({
    // Deletes waiting for their Undo offer to end go now, while the token is still this workspace's.
    onMutate: () => deletes.flush(),
    onSuccess: async ({ tokens }) => {
      session.switchAccess(tokens);
      await queryClient.resetQueries();
    },
  });
}
