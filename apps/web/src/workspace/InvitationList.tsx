import { EmptyState } from "../components/EmptyState";
import { FormError } from "../components/FormError";
import { RelativeTime } from "../components/RelativeTime";
import { Skeleton } from "../components/Skeleton";
import { useToast } from "../components/Toasts";
import { errorMessage } from "../errors";
import { trpc, type InvitationStatus } from "../trpc";
import { roleLabels } from "./roles";

const statusLabels: Record<InvitationStatus, string> = {
  pending: "Pending",
  accepted: "Accepted",
  revoked: "Revoked",
  expired: "Expired",
};

export function InvitationList() {
  const utils = trpc.useUtils();
  const toast = useToast();
  const invitations = trpc.invitation.list.useQuery();
  // Optimistic: the invitation shows as revoked at once, and comes back if the server refuses.
  const revoke = trpc.invitation.revoke.useMutation({
    onMutate: async ({ invitationId }) => {
      await utils.invitation.list.cancel();
      const before = utils.invitation.list.getData();
      utils.invitation.list.setData(undefined, (list) =>
        list?.map((item) =>
          item.id === invitationId ? { ...item, status: "revoked" as const } : item,
        ),
      );
      return { before };
    },
    onError: (error, _input, context) => {
      utils.invitation.list.setData(undefined, context?.before);
      toast({ tone: "error", message: `The invitation was not revoked: ${errorMessage(error)}` });
    },
    onSettled: () => utils.invitation.list.invalidate(),
  });

  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations</h2>
      {invitations.isPending ? (
        <Skeleton label="Loading invitations…" lines={3} />
      ) : invitations.isError ? (
        <FormError error={invitations.error} />
      ) : invitations.data.length === 0 ? (
        <EmptyState title="No invitations yet.">
          <p>Invite someone above: they get a link to join this workspace.</p>
        </EmptyState>
      ) : (
        <ul aria-label="Invitations" className="rows">
          {invitations.data.map((invitation) => (
            <li key={invitation.id} className="row">
              <span className="row-main">
                <strong>{invitation.email}</strong>{" "}
                <span className="role">{roleLabels[invitation.role]}</span>
              </span>
              <span className={`status invitation-${invitation.status}`}>
                {statusLabels[invitation.status]}
              </span>
              <span className="hint">
                Sent <RelativeTime date={invitation.createdAt} />
              </span>
              {invitation.status === "pending" && (
                <button
                  type="button"
                  aria-label={`Revoke the invitation of ${invitation.email}`}
                  onClick={() => revoke.mutate({ invitationId: invitation.id })}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
