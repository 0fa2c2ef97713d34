import postgres from "postgres";

/** What a listener hears besides payloads: its LISTEN lost with the connection, and back. */
export interface ListenSignals {
  /** The connection dropped: notifications may be missed until `onListening`. */
  onLost?(): void;
  /** LISTEN is in place again after a loss; anything sent in between was not heard. */
  onListening?(): void;
}

/** How often a lost LISTEN is tried again: the events stream waits on it. */
const RETRY_MS = 100;

/**
 * LISTEN on a connection of its own that comes back with the database. postgres.js re-subscribes
 * once after a dropped connection and ignores that attempt failing (the database still down), so
 * its `listen` can stay deaf for good; this tries again every RETRY_MS until it holds, and says
 * when it was lost and when it is back, so streams can catch up on what they missed.
 */
export async function listenWithReconnect(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  signals: ListenSignals = {},
): Promise<() => Promise<void>> {
  let stopped = false;
  let subscribing: Promise<void> | undefined;
  const options = {
    max: 1,
    idle_timeout: null,
    max_lifetime: null,
    fetch_types: false,
    connect_timeout: 2,
    onnotice: () => {},
    // Not in postgres.js's types, but the option its own `listen` uses.
    onnotify: (name: string, payload: string) => {
      if (name === channel) onPayload(payload);
    },
    onclose: () => {
      if (stopped || subscribing) return;
      signals.onLost?.();
      void subscribe(true);
    },
  };
  const client = postgres(url, options as unknown as postgres.Options<Record<string, never>>);
  const statement = `listen "${channel.replace(/"/g, '""')}"`;

  const subscribe = (again: boolean) =>
    (subscribing ??= (async () => {
      try {
        for (;;) {
          try {
            await client.unsafe(statement);
            if (again && !stopped) signals.onListening?.();
            return;
          } catch (error) {
            if (stopped) return;
            if (!again) throw error;
            await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
          }
        }
      } finally {
        subscribing = undefined;
      }
    })());

  await subscribe(false);
  return async () => {
    stopped = true;
    await client.end({ timeout: 1 });
  };
}
