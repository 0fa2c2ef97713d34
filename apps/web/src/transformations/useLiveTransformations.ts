import type { RouterInputs } from "@transmute/api";
import { trpc } from "../trpc";
import { patchItem } from "./listCache";
import { useTransformationEvents } from "./useTransformationEvents";

type ListInput = Omit<RouterInputs["transformation"]["list"], "cursor">;

/**
 * Keeps a transformation list current from the server's change stream: one document's (when the
 * input names it) or the workspace's. Progress is patched into the cache as it arrives; a new
 * status re-reads the list, since it comes with fields the event does not carry (attempts,
 * error, output format).
 */
export function useLiveTransformations(input: ListInput) {
  const utils = trpc.useUtils();
  return useTransformationEvents(input.documentId, {
    onStarted: () => void utils.transformation.list.invalidate(input),
    onEvent: ({ transformationId: id, status, progress }) => {
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
        void utils.transformation.get.invalidate({ id });
      }
    },
  });
}
