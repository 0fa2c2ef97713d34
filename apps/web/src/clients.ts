import type { AppRouter } from "@transmute/api";
import { QueryClient } from "@tanstack/react-query";
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
} from "@trpc/client";
import superjson from "superjson";
import { createAuthFetch } from "./auth/authFetch";
import { Session } from "./auth/session";
import { isClientError } from "./errors";
import { trpc } from "./trpc";

const url = "/trpc";

/** Everything the app talks to the server with, wired once at start-up. */
export function createClients() {
  // Refresh and logout bypass the auth fetch: a renewal must not wait on itself.
  const authClient = createTRPCClient<AppRouter>({
    links: [httpLink({ url, transformer: superjson })],
  });
  const session = new Session(
    {
      refresh: (refreshToken) => authClient.auth.refresh.mutate({ refreshToken }),
      logout: (refreshToken) => authClient.auth.logout.mutate({ refreshToken }),
    },
    window.localStorage,
  );

  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx (not found, forbidden, bad input) would only fail again.
        retry: (failures, error) => !isClientError(error) && failures < 2,
      },
    },
  });
  // The next person to sign in on this browser must not see the last one's data.
  session.subscribe(() => {
    if (session.getStatus() === "signedOut") queryClient.clear();
  });

  const trpcClient = trpc.createClient({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          // EventSource cannot send headers, so the token travels as a connection parameter.
          // The link asks again on every reconnection, which then gets a renewed token.
          connectionParams: async () => {
            const token = await session.accessToken();
            return token ? { token } : null;
          },
        }),
        false: httpBatchLink({
          url,
          transformer: superjson,
          maxItems: 10,
          fetch: createAuthFetch(session),
        }),
      }),
    ],
  });

  return { session, queryClient, trpcClient };
}
