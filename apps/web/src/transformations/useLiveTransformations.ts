import { useEffect } from "react";
import { trpc } from "../trpc";
import { listInput, patchItem } from "./listCache";

// Long enough not to hammer a server that refuses, short enough that nobody waits long.
const RETRY_AFTER_MS = 5_000;

/**
 * Keeps the document's transformation list current from the server's change stream. Progress
 * is patched into the cache as it arrives; a new status re-reads the list, since it comes with
 * fields the event does not carry (attempts, error, output format).
 */
export function useLiveTransformations(documentId: string) {
  const utils = trpc.useUtils();
  const input = listInput(documentId);
  const subscription = trpc.transformation.onChange.useSubscription(
    { documentId },
    {
      // A first connection replays nothing, and a retried one starts afresh: whatever changed
      // while no stream was open is read from the list instead.
      onStarted: () => void utils.transformation.list.invalidate(input),
      onData: ({ data: event }) => {
        const { transformationId: id, status, progress } = event;
        const before = utils.transformation.list
          .getInfiniteData(input)
          ?.pages.flatMap((page) => page.items)
          .find((item) => item.id === id);
        utils.transformation.list.setInfiniteData(input, (data) =>
          patchItem(data, id, { status, progress }),
        );
        // Also when it is not in the cache: started elsewhere, or on a page not loaded yet.
        if (before?.status !== status) {
          void utils.transformation.list.invalidate(input);
          // A retried transformation gets a new output; never show the last attempt's.
          void utils.transformation.output.invalidate({ id });
        }
      },
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
