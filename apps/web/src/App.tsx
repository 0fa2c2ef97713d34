import { QueryClientProvider } from "@tanstack/react-query";
import { SessionContext } from "./auth/SessionContext";
import { SessionGate } from "./auth/SessionGate";
import type { createClients } from "./clients";
import { trpc } from "./trpc";

export function App({ session, queryClient, trpcClient }: ReturnType<typeof createClients>) {
  return (
    <SessionContext value={session}>
      <trpc.Provider client={trpcClient} queryClient={queryClient}>
        <QueryClientProvider client={queryClient}>
          <SessionGate />
        </QueryClientProvider>
      </trpc.Provider>
    </SessionContext>
  );
}
