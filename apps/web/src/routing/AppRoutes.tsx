import { Suspense, type ReactNode } from "react";
import { Redirect, Route, Switch, useLocation, useSearch } from "wouter";
import { ServerUnreachable } from "../auth/ServerUnreachable";
import { useSessionStatus } from "../auth/SessionContext";
import { SignInPage } from "../auth/SignInPage";
import { SignUpPage } from "../auth/SignUpPage";
import { Welcome } from "../auth/Welcome";
import { FullPageStatus } from "../components/FullPageStatus";
import { InvitePage, SignedInApp } from "./pages";
import { safeNext, signInPath } from "./safeNext";

/** The sign-in and sign-up pages are for visitors; someone signed in goes on to `next`. */
function ForVisitors({ children }: { children: ReactNode }) {
  const search = useSearch();
  if (useSessionStatus() === "signedIn") return <Redirect to={safeNext(search) ?? "/"} replace />;
  return children;
}

/** Any other page needs a session: sign in first, then come back here. */
function ToSignIn() {
  const [path] = useLocation();
  const search = useSearch();
  return <Redirect to={signInPath(search ? `${path}?${search}` : path)} replace />;
}

export function AppRoutes() {
  const status = useSessionStatus();
  if (status === "restoring") return <FullPageStatus label="Signing you in…" />;
  if (status === "unreachable") return <ServerUnreachable />;
  return (
    <Suspense fallback={<FullPageStatus label="Loading…" />}>
      <Switch>
        <Route path="/signin">
          <ForVisitors>
            <SignInPage />
          </ForVisitors>
        </Route>
        <Route path="/signup">
          <ForVisitors>
            <SignUpPage />
          </ForVisitors>
        </Route>
        {status !== "signedIn" && <Route path="/" component={Welcome} />}
        <Route path="/invite/:token">{({ token }) => <InvitePage token={token} />}</Route>
        <Route>{status === "signedIn" ? <SignedInApp /> : <ToSignIn />}</Route>
      </Switch>
    </Suspense>
  );
}
