import { QueryClientProvider } from "@tanstack/react-query";
import { Router } from "wouter";
import { SessionContext } from "./auth/SessionContext";
import type { createClients } from "./clients";
import { AppRoutes } from "./routing/AppRoutes";
import { ErrorBoundary } from "./routing/ErrorBoundary";
import { guardedNavigation } from "./routing/navigationGuard";
import { trpc } from "./trpc";

export function App({ session, queryClient, trpcClient }: ReturnType<typeof createClients>) {
  return (
    <SessionContext value={session}>
      <trpc.Provider client={trpcClient} queryClient={queryClient}>
        <QueryClientProvider client={queryClient}>
          <Router aroundNav={guardedNavigation}>
            <ErrorBoundary>
              <AppRoutes />
            </ErrorBoundary>
          </Router>
        </QueryClientProvider>
      </trpc.Provider>
    </SessionContext>
  );
}
