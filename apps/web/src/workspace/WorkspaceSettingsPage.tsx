import { useRef, useState } from "react";
import { useLocation } from "wouter";
import { useSession } from "../auth/SessionContext";
import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { PageHeading } from "../components/PageHeading";
import { RelativeTime } from "../components/RelativeTime";
import { useToast } from "../components/Toasts";
import { useFocusFirstInvalid } from "../components/useFocusFirstInvalid";
import { formErrors } from "../errors";
import { formText } from "../formText";
import { trpc } from "../trpc";
import { roleLabels } from "./roles";
import { useAfterLeaving } from "./useAfterLeaving";
import { permissions, useWorkspace } from "./WorkspaceContext";

function RenameForm() {
  const workspace = useWorkspace();
  const utils = trpc.useUtils();
  const toast = useToast();
  const form = useRef<HTMLFormElement>(null);
  const rename = trpc.workspace.rename.useMutation({
    onSuccess: async (renamed) => {
      await Promise.all([utils.workspace.current.invalidate(), utils.workspace.mine.invalidate()]);
      toast({ message: `The workspace is now called “${renamed.name}”.` });
    },
  });
  const errors = formErrors(rename.error, ["name"]);
  useFocusFirstInvalid(form, rename.error);
  return (
    <form
      ref={form}
      aria-label="Rename the workspace"
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate({ name: formText(event.currentTarget, "name") });
      }}
    >
      <h2>Name</h2>
      <Field label="Workspace name" error={errors.field("name")}>
        <input name="name" required maxLength={100} defaultValue={workspace.name} />
      </Field>
      <FormError message={errors.form} />
      <button type="submit" disabled={rename.isPending}>
        Rename
      </button>
    </form>
  );
}

function LeaveWorkspace() {
  const workspace = useWorkspace();
  const afterLeaving = useAfterLeaving();
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 5 * 60_000 });
  const leave = trpc.workspace.removeMember.useMutation({
    onSuccess: () => afterLeaving(`You left ${workspace.name}.`),
  });
  return (
    <section className="card" aria-labelledby="leave-heading">
      <h2 id="leave-heading">Leave</h2>
      <p>You lose access to its documents until someone invites you again.</p>
      <FormError error={leave.error} />
      <button
        type="button"
        disabled={!me.data || leave.isPending}
        onClick={() => {
          if (me.data && window.confirm(`Leave ${workspace.name}?`)) {
            leave.mutate({ userId: me.data.user.id });
          }
        }}
      >
        Leave {workspace.name}
      </button>
    </section>
  );
}

function DeleteWorkspace() {
  const workspace = useWorkspace();
  const session = useSession();
  const [, navigate] = useLocation();
  const [typed, setTyped] = useState("");
  const remove = trpc.workspace.delete.useMutation({
    // The server ends the sign-ins that were in the workspace, this one included.
    onSuccess: () => {
      session.signOut();
      navigate("~/signin?notice=workspace-deleted", { replace: true });
    },
  });
  const errors = formErrors(remove.error, ["confirmName"], { BAD_REQUEST: "confirmName" });
  return (
    <form
      aria-label="Delete the workspace"
      className="card danger-zone"
      onSubmit={(event) => {
        event.preventDefault();
        remove.mutate({ confirmName: typed });
      }}
    >
      <h2>Delete the workspace</h2>
      <p>
        Deletes every document, transformation and invitation in it, for every member, and signs out
        everyone working in it right now, you included. This cannot be undone.
      </p>
      <Field label={`Type “${workspace.name}” to confirm`} error={errors.field("confirmName")}>
        <input
          value={typed}
          autoComplete="off"
          onChange={(event) => setTyped(event.target.value)}
        />
      </Field>
      <FormError message={errors.form} />
      <button
        type="submit"
        className="danger"
        disabled={typed !== workspace.name || remove.isPending}
      >
        Delete {workspace.name}
      </button>
    </form>
  );
}

export function WorkspaceSettingsPage() {
  const workspace = useWorkspace();
  const can = permissions(workspace.role);
  return (
    <div className="settings-page">
      <PageHeading title="Workspace settings">Workspace settings</PageHeading>
      <p className="meta">
        <span>
          Your role: <strong>{roleLabels[workspace.role]}</strong>
        </span>
        <span>
          Created <RelativeTime date={workspace.createdAt} />
        </span>
      </p>
      {can.admin ? (
        <RenameForm />
      ) : (
        <p className="hint">Admins and owners can rename the workspace.</p>
      )}
      <LeaveWorkspace />
      {can.owner && <DeleteWorkspace />}
    </div>
  );
}
