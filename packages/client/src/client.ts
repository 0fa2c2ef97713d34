import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  retryLink,
  splitLink,
  type TRPCClient,
} from "@trpc/client";
import { CLIENT_BATCH_SIZE } from "@transmute/api/limits";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { fetchWithTimeout } from "./fetch";
import { idempotencyLink } from "./idempotency";
import { backoffDelay, shouldRetry } from "./retry";
import type { AppRouter } from "./router";

export type TransmuteClient = TRPCClient<AppRouter>;

/**
 * How the client proves who it is. An API key and an access token are both sent as
 * `Authorization: Bearer …` (and as the `token` connection parameter of live subscriptions,
 * which travel over SSE where headers cannot be set). Neither: only public procedures work
 * (`auth.register`, `auth.login`).
 */
export type TransmuteCredentials =
  | { apiKey: string; getAccessToken?: never }
  /** Asked before every request and every (re)connection, so it can hand out a renewed token. */
  | { getAccessToken: () => string | null | Promise<string | null>; apiKey?: never }
  | { apiKey?: undefined; getAccessToken?: undefined };

export type TransmuteClientOptions = TransmuteCredentials & {
  /** The server's base URL, e.g. `https://transmute.example.com` (`/trpc` is added). */
  url: string;
  /** Longest wait for one HTTP request's complete answer, in ms. Default 30 s. */
  timeoutMs?: number;
  /** Further attempts of a query after a network error or a 502/503/504. Default 3. */
  retries?: number;
  /** First retry delay in ms; it doubles with each attempt, up to 10 s. Default 300. */
  retryDelayMs?: number;
  /** Extra headers for every request, e.g. a tracing id. */
  headers?: Record<string, string>;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
};

const MAX_RETRY_DELAY_MS = 10_000;

/** A typed tRPC client for the Transmute API, for use from a server. */
export function createTransmuteClient(options: TransmuteClientOptions): TransmuteClient {
  const url = trpcUrl(options.url);
  const token = async () =>
    options.apiKey ?? (options.getAccessToken ? await options.getAccessToken() : null);
  const retries = options.retries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 300;

  return createTRPCClient<AppRouter>({
    links: [
      idempotencyLink(),
      retryLink({
        retry: ({ op, error, attempts }) => attempts <= retries && shouldRetry(op, error),
        retryDelayMs: (attempt) => backoffDelay(attempt, retryDelayMs, MAX_RETRY_DELAY_MS),
      }),
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          // Node has no EventSource of its own (only behind a flag).
          EventSource,
          connectionParams: async () => {
            const value = await token();
            return value ? { token: value } : null;
          },
        }),
        false: httpBatchLink({
          url,
          transformer: superjson,
          // The server refuses bigger batches; more calls in one tick go as several requests.
          maxItems: CLIENT_BATCH_SIZE,
          fetch: fetchWithTimeout(options.timeoutMs ?? 30_000, options.fetch),
          headers: async () => {
            const value = await token();
            return { ...options.headers, ...(value ? { authorization: `Bearer ${value}` } : {}) };
          },
        }),
      }),
    ],
  });
}

function trpcUrl(base: string): string {
  const trimmed = base.replace(/\/+$/, "");
  return trimmed.endsWith("/trpc") ? trimmed : `${trimmed}/trpc`;
}
