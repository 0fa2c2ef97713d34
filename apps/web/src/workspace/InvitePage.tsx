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
  if (!signedIn) {
    return (
      <AuthLayout title="You are invited">
        <p>
          Someone invited you to a workspace on Transmute. Sign in, or create an account, with the
          email address the invitation was sent to; you then come back here to accept it.
        </p>
        <p className="actions">
          <Link href={signInPath(here)} className="button primary">
            Sign in
          </Link>
          <Link href={`/signup?next=${encodeURIComponent(here)}`} className="button">
            Create an account
          </Link>
        </p>
      </AuthLayout>
    );
  }
  return <AcceptInvitation token={token} />;
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
