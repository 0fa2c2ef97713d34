import { useEffect, useState } from "react";
import { Route, Switch } from "wouter";
import { ToastProvider } from "../components/Toasts";
import { PendingDeletesProvider } from "../documents/PendingDeletes";
import { AccountPage, NewWorkspacePage, preloadAllPages } from "../routing/pages";
import { ShortcutRegistry } from "../shortcuts/registry";
import { ShortcutProvider } from "../shortcuts/ShortcutContext";
import { NotFound } from "./NotFound";
import { RootRedirect } from "./RootRedirect";
import { Shell } from "./Shell";
import { WorkspaceRoute } from "./WorkspaceRoute";

/** Everything behind the sign-in, in one chunk: the frame, and the routes to the pages. */
export function SignedInApp() {
  const [registry] = useState(() => new ShortcutRegistry());
  useEffect(() => {
    // Safari has no requestIdleCallback; a pause after the first render does as well there.
    if (!("requestIdleCallback" in window)) {
      const timer = setTimeout(preloadAllPages, 2_000);
      return () => clearTimeout(timer);
    }
    const idle = requestIdleCallback(preloadAllPages, { timeout: 5_000 });
    return () => cancelIdleCallback(idle);
  }, []);
  return (
    <ToastProvider>
      <ShortcutProvider registry={registry}>
        <PendingDeletesProvider>
          <Shell>
            <Switch>
              <Route path="/" component={RootRedirect} />
              <Route path="/account" component={AccountPage} />
              <Route path="/workspaces/new" component={NewWorkspacePage} />
              <Route path="/w/:workspaceId" nest>
                {({ workspaceId }) => (
                  <WorkspaceRoute key={workspaceId} workspaceId={workspaceId} />
                )}
              </Route>
              <Route component={NotFound} />
            </Switch>
          </Shell>
        </PendingDeletesProvider>
      </ShortcutProvider>
    </ToastProvider>
  );
}
