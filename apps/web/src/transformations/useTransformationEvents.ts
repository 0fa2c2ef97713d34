import type { RouterOutputs } from "@transmute/api";
import { useEffect, useRef } from "react";
import { trpc } from "../trpc";

// The stream yields tracked events ({ id, data }); the event is the data.
type Tracked =
  RouterOutputs["transformation"]["onChange"] extends AsyncIterable<infer T> ? T : never;
export type TransformationEvent = Tracked extends { data: infer D } ? D : never;

// Long enough not to hammer a server that refuses, short enough that nobody waits long.
const RETRY_AFTER_MS = 5_000;

/**
 * The server's stream of status and progress changes: of one document's transformations, or of
 * the whole workspace's. `onStarted` runs on every (re)connection: a first connection replays
 * nothing, so whatever changed while no stream was open must be read again.
 */
export function useTransformationEvents(
  documentId: string | undefined,
  handlers: { onEvent: (event: TransformationEvent) => void; onStarted: () => void },
) {
  const latest = useRef(handlers);
  latest.current = handlers;
  const subscription = trpc.transformation.onChange.useSubscription(
    { documentId },
    {
      onStarted: () => latest.current.onStarted(),
      onData: ({ data }) => latest.current.onEvent(data),
    },
  );

  // The link reconnects by itself after network failures; an error here means the server
  // refused the stream (an expired token, a restart), so open a new one, with a fresh token.
  const { status, reset } = subscription;
  useEffect(() => {
    if (status !== "error") return;
    const timer = setTimeout(reset, RETRY_AFTER_MS);
    return () => clearTimeout(timer);
  }, [status, reset]);

  return subscription;
}
