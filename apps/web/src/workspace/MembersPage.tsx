import { EmptyState } from "../components/EmptyState";
import { FormError } from "../components/FormError";
import { PageHeading } from "../components/PageHeading";
import { Skeleton } from "../components/Skeleton";
import { useToast } from "../components/Toasts";
import { errorMessage } from "../errors";
import { trpc, type Member } from "../trpc";
import { InvitationList } from "./InvitationList";
import { InviteForm } from "./InviteForm";
import { MemberRow } from "./MemberRow";
import { roleLabels } from "./roles";
import { permissions, useWorkspace } from "./WorkspaceContext";

/** Who is in the workspace; admins also invite, change roles and remove members here. */
export function MembersPage() {
  const workspace = useWorkspace();
  const can = permissions(workspace.role);
  const utils = trpc.useUtils();
  const toast = useToast();
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 5 * 60_000 });
  const members = trpc.workspace.members.useQuery();

  // Optimistic, both: the list changes at once, and goes back with an explanation if refused.
  const optimistic = (update: (list: Member[]) => Member[]) => async () => {
    await utils.workspace.members.cancel();
    const before = utils.workspace.members.getData();
    utils.workspace.members.setData(undefined, (list) => list && update(list));
    return { before };
  };
  const refused =
    (what: string) =>
    (error: unknown, _input: unknown, context: { before?: Member[] } | undefined) => {
      utils.workspace.members.setData(undefined, context?.before);
      toast({ tone: "error", message: `${what}: ${errorMessage(error)}` });
    };
  const changeRole = trpc.workspace.changeRole.useMutation({
    onMutate: (input) =>
      optimistic((list) =>
        list.map((member) =>
          member.userId === input.userId ? { ...member, role: input.role } : member,
        ),
      )(),
    onError: refused("The role was not changed"),
    onSuccess: ({ role }, { userId }) => {
      const name = utils.workspace.members.getData()?.find((m) => m.userId === userId)?.name;
      toast({ message: `${name ?? "The member"} is now ${roleLabels[role].toLowerCase()}.` });
    },
    onSettled: () => utils.workspace.members.invalidate(),
  });
  const remove = trpc.workspace.removeMember.useMutation({
    onMutate: (input) =>
      optimistic((list) => list.filter((member) => member.userId !== input.userId))(),
    onError: refused("The member was not removed"),
    onSettled: () => utils.workspace.members.invalidate(),
  });

  const owners = members.data?.filter((member) => member.role === "owner").length ?? 0;
  return (
    <div className="members-page">
      <PageHeading title="Members">Members</PageHeading>
      {can.admin && <InviteForm actorRole={workspace.role} />}
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members of {workspace.name}</h2>
        {members.isPending ? (
          <Skeleton label="Loading members…" lines={4} />
        ) : members.isError ? (
          <FormError error={members.error} />
        ) : members.data.length === 0 ? (
          <EmptyState title="No members." />
        ) : (
          <ul aria-label="Members" className="rows">
            {members.data.map((member) => (
              <MemberRow
                key={member.userId}
                member={member}
                actorRole={workspace.role}
                isMe={member.userId === me.data?.user.id}
                // Until the account is known, nobody is offered for removal: it might be oneself.
                canManage={me.data !== undefined}
                lastOwner={member.role === "owner" && owners === 1}
                onChangeRole={(role) => changeRole.mutate({ userId: member.userId, role })}
                onRemove={() => remove.mutate({ userId: member.userId })}
              />
            ))}
          </ul>
        )}
        {!can.admin && <p className="hint">Admins and owners invite people and change roles.</p>}
      </section>
      {can.admin && <InvitationList />}
    </div>
  );
}
