import { useMemo } from "react";
import { labelFor } from "../labelFor";
import { trpc } from "../trpc";

/** The catalogue, kept for a while: it changes only with a deploy or the server's LLM settings. */
export const useKinds = () =>
  trpc.transformation.kinds.useQuery(undefined, { staleTime: 5 * 60_000 });

/** A kind's title from the catalogue ("Markdown to HTML"), its name made readable meanwhile. */
export function useKindTitle(): (kind: string) => string {
  const kinds = useKinds();
  return useMemo(() => {
    const titles = new Map(kinds.data?.map((kind) => [kind.name, kind.title]));
    return (kind: string) => titles.get(kind) ?? labelFor(kind);
  }, [kinds.data]);
}
