import { Link, useLocation } from "wouter";
import { AuthLayout } from "../auth/AuthLayout";
import { useSession, useSessionStatus } from "../auth/SessionContext";
import { FormError } from "../components/FormError";
import { errorCode } from "../errors";
import { signInPath } from "../routing/safeNext";
import { trpc } from "../trpc";
import { roleLabels } from "./roles";

/** /invite/:token — the link an admin sent. Visitors sign in or sign up first, then come back. */
export function InvitePage({ token }: { token: string }) {
  const signedIn = useSessionStatus() === "signedIn";
  const here = `/invite/${token}`;
  if (!signedIn) return <InvitationForVisitor token={token} here={here} />;
  return <AcceptInvitation token={token} />;
}

/** What the link offers (workspace, inviter, role), then sign in or sign up with the address. */
function InvitationForVisitor({ token, here }: { token: string; here: string }) {
  const preview = trpc.invitation.preview.useQuery({ token }, { retry: false });
  if (preview.isPending) {
    return (
      <AuthLayout title="You are invited">
        <p role="status">Reading the invitation…</p>
      </AuthLayout>
    );
  }
  if (preview.isError) {
    return (
      <AuthLayout title="You are invited">
        {errorCode(preview.error) === "NOT_FOUND" ? (
          <FormError message="This invitation cannot be used any more: it was already accepted, withdrawn, or it expired. Ask whoever invited you for a new link." />
        ) : (
          <FormError error={preview.error} />
        )}
      </AuthLayout>
    );
  }
  const { workspaceName, inviterName, role, email } = preview.data;
  const signUp = `/signup?${new URLSearchParams({ next: here, email }).toString()}`;
  return (
    <AuthLayout title={`Join ${workspaceName}`}>
      <p>
        {inviterName ?? "An admin"} invited you to <strong>{workspaceName}</strong> on Transmute as{" "}
        {roleLabels[role].toLowerCase()}. The invitation is for <strong>{email}</strong>: sign in
        with that address, or create an account with it, and you come back here to accept.
      </p>
      <p className="actions">
        <Link href={signUp} className="button primary">
          Create an account
        </Link>
        <Link href={signInPath(here)} className="button">
          Sign in
        </Link>
      </p>
    </AuthLayout>
  );
}

function AcceptInvitation({ token }: { token: string }) {
  const session = useSession();
  const [, navigate] = useLocation();
  const me = trpc.auth.me.useQuery();
  const accept = trpc.invitation.accept.useMutation({
    // The workspace's address switches the session to it.
    onSuccess: ({ workspace }) => navigate(`/w/${workspace.id}/documents`),
  });
  const code = errorCode(accept.error);
  const switchAccount = () =>
    void session.logout().then(() => navigate(signInPath(`/invite/${token}`), { replace: true }));

  return (
    <AuthLayout title="Accept the invitation">
      {me.data && (
        <p>
          You are signed in as <strong>{me.data.user.name}</strong> ({me.data.user.email}). The
          invitation must have been sent to this address.
        </p>
      )}
      {accept.data ? (
        <p role="status">
          Joined {accept.data.workspace.name} as {roleLabels[accept.data.role].toLowerCase()}…
        </p>
      ) : code === "NOT_FOUND" ? (
        <FormError message="This invitation cannot be used any more: it was already accepted, withdrawn, or it expired. Ask whoever invited you for a new link." />
      ) : code === "FORBIDDEN" ? (
        <div role="alert" className="form-error">
          <p>
            This invitation was sent to another email address. Sign in with the invited address (or
            create an account with it), then open the link again.
          </p>
          <button type="button" onClick={switchAccount}>
            Sign in with another account
          </button>
        </div>
      ) : code === "CONFLICT" ? (
        <FormError message="You are already a member of this workspace." />
      ) : (
        <FormError error={accept.error} />
      )}
      <p className="actions">
        <button
          type="button"
          className="primary"
          disabled={accept.isPending || accept.isSuccess}
          onClick={() => accept.mutate({ token })}
        >
          {accept.isPending ? "Joining…" : "Accept the invitation"}
        </button>
        <Link href="/">Not now</Link>
      </p>
    </AuthLayout>
  );
}
