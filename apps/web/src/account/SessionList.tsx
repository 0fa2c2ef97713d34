import { FormError } from "../components/FormError";
import { RelativeTime } from "../components/RelativeTime";
import { Skeleton } from "../components/Skeleton";
import { useToast } from "../components/Toasts";
import { errorMessage } from "../errors";
import { trpc } from "../trpc";
import { LogoutButton } from "../workspace/LogoutButton";
import { describeUserAgent } from "./userAgent";

/** Where the account is signed in; any other session can be signed out from here. */
export function SessionList() {
  const utils = trpc.useUtils();
  const toast = useToast();
  const sessions = trpc.auth.sessions.useQuery();
  const end = trpc.auth.endSession.useMutation({
    onMutate: async ({ sessionId }) => {
      await utils.auth.sessions.cancel();
      const before = utils.auth.sessions.getData();
      utils.auth.sessions.setData(undefined, (list) => list?.filter((s) => s.id !== sessionId));
      return { before };
    },
    onError: (error, _input, context) => {
      utils.auth.sessions.setData(undefined, context?.before);
      toast({ tone: "error", message: `That session was not signed out: ${errorMessage(error)}` });
    },
    onSuccess: () => toast({ message: "Signed out that session." }),
    onSettled: () => utils.auth.sessions.invalidate(),
  });
  const endOthers = trpc.auth.endOtherSessions.useMutation({
    onError: (error) =>
      toast({
        tone: "error",
        message: `Other sessions were not signed out: ${errorMessage(error)}`,
      }),
    onSuccess: ({ endedSessions }) =>
      toast({
        message: `Signed out ${endedSessions} other session${endedSessions === 1 ? "" : "s"}.`,
      }),
    onSettled: () => utils.auth.sessions.invalidate(),
  });

  if (sessions.isPending) return <Skeleton label="Loading your sessions…" lines={3} />;
  if (sessions.isError) return <FormError error={sessions.error} />;
  const others = sessions.data.filter((session) => !session.current).length;
  return (
    <>
      {others > 0 && (
        <p className="actions">
          <button
            type="button"
            className="danger-text"
            disabled={endOthers.isPending}
            onClick={() => endOthers.mutate()}
          >
            Sign out all other sessions ({others})
          </button>
        </p>
      )}
      <ul aria-label="Sessions" className="rows">
        {sessions.data.map((session) => {
          const device = describeUserAgent(session.userAgent);
          return (
            <li key={session.id} className="row">
              <span className="row-main">
                <strong>{device}</strong>
                {session.current && <span className="badge">This browser</span>}
                <span className="hint">{session.ip ?? "Unknown address"}</span>
              </span>
              <span className="hint">
                Signed in <RelativeTime date={session.createdAt} />, last active{" "}
                <RelativeTime date={session.lastUsedAt} />
              </span>
              {session.current ? (
                <LogoutButton />
              ) : (
                <button
                  type="button"
                  aria-label={`Sign out ${device}, last active from ${session.ip ?? "an unknown address"}`}
                  onClick={() => end.mutate({ sessionId: session.id })}
                >
                  Sign out
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
