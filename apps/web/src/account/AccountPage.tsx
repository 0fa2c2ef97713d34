import { PageHeading } from "../components/PageHeading";
import { Skeleton } from "../components/Skeleton";
import { trpc } from "../trpc";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { SessionList } from "./SessionList";

export function AccountPage() {
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 5 * 60_000 });
  return (
    <div className="account-page">
      <PageHeading title="Your account">Your account</PageHeading>
      {me.data ? (
        <p className="meta">
          <span>
            <strong>{me.data.user.name}</strong>
          </span>
          <span>{me.data.user.email}</span>
        </p>
      ) : (
        <Skeleton label="Loading your account…" lines={1} />
      )}
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <p className="hint">
          Sign out a browser you no longer use, or one you do not recognise (and then change your
          password).
        </p>
        <SessionList />
      </section>
      <ChangePasswordForm />
    </div>
  );
}
