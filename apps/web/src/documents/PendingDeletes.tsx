import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useToast } from "../components/Toasts";
import { errorMessage } from "../errors";
import { trpc } from "../trpc";

interface PendingDeletes {
  /** Hides the document at once and deletes it when the Undo offer runs out. */
  remove(document: { id: string; title: string }): void;
  isPending(id: string): boolean;
  /**
   * Deletes every pending document now: before the session changes (another workspace, signing
   * out), after which the deletes would be sent with the wrong credentials.
   */
  flush(): Promise<void>;
}

const PendingDeletesContext = createContext<PendingDeletes | null>(null);

export function usePendingDeletes(): PendingDeletes {
  const deletes = use(PendingDeletesContext);
  if (!deletes) throw new Error("usePendingDeletes needs a PendingDeletesProvider");
  return deletes;
}

const UNDO_WINDOW_MS = 8_000;

/**
 * Delete with undo, honestly: nothing is deleted until the Undo offer ends (or is dismissed), so
 * Undo puts back the very document, its id, versions and transformations. Lives above the pages,
 * so leaving the page does not cancel it; closing the tab meanwhile asks first.
 */
export function PendingDeletesProvider({ children }: { children: ReactNode }) {
  const toast = useToast();
  const utils = trpc.useUtils();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const closeOffers = useRef(new Map<string, () => void>());
  const deleting = useRef(new Map<string, Promise<void>>());

  useEffect(() => {
    if (pending.size === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener("beforeunload", warn);
    return () => removeEventListener("beforeunload", warn);
  }, [pending]);

  const settle = useCallback((id: string) => {
    setPending((current) => {
      const next = new Set(current);
      next.delete(id);
      return next;
    });
  }, []);

  const commit = useCallback(
    (id: string, title: string) => {
      const done = utils.client.document.delete.mutate({ id }).then(
        async () => {
          utils.document.get.setData({ id }, undefined);
          await utils.document.list.invalidate();
        },
        (error: unknown) => {
          toast({
            tone: "error",
            message: `“${title}” could not be deleted: ${errorMessage(error)}`,
          });
        },
      );
      const settled = done.finally(() => {
        deleting.current.delete(id);
        settle(id);
      });
      deleting.current.set(id, settled);
    },
    [utils, toast, settle],
  );

  const remove = useCallback<PendingDeletes["remove"]>(
    ({ id, title }) => {
      setPending((current) => new Set(current).add(id));
      const close = toast({
        message: `Deleted “${title}”.`,
        durationMs: UNDO_WINDOW_MS,
        action: { label: "Undo", run: () => undefined },
        onEnd: (end) => {
          closeOffers.current.delete(id);
          if (end === "action") settle(id);
          else commit(id, title);
        },
      });
      closeOffers.current.set(id, close);
    },
    [toast, settle, commit],
  );

  const flush = useCallback(async () => {
    for (const close of [...closeOffers.current.values()]) close();
    await Promise.all(deleting.current.values());
  }, []);

  const value = useMemo(
    () => ({ remove, flush, isPending: (id: string) => pending.has(id) }),
    [remove, flush, pending],
  );
  return <PendingDeletesContext value={value}>{children}</PendingDeletesContext>;
}
