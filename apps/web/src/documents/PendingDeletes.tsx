import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
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

  const remove = useCallback<PendingDeletes["remove"]>(
    ({ id, title }) => {
      setPending((current) => new Set(current).add(id));
      toast({
        message: `Deleted “${title}”.`,
        durationMs: UNDO_WINDOW_MS,
        action: { label: "Undo", run: () => undefined },
        onEnd: (end) => {
          if (end === "action") {
            settle(id);
            return;
          }
          utils.client.document.delete.mutate({ id }).then(
            async () => {
              utils.document.get.setData({ id }, undefined);
              await utils.document.list.invalidate();
              settle(id);
            },
            (error: unknown) => {
              settle(id);
              toast({
                tone: "error",
                message: `“${title}” could not be deleted: ${errorMessage(error)}`,
              });
            },
          );
        },
      });
    },
    [toast, utils, settle],
  );

  const value = useMemo(
    () => ({ remove, isPending: (id: string) => pending.has(id) }),
    [remove, pending],
  );
  return <PendingDeletesContext value={value}>{children}</PendingDeletesContext>;
}
