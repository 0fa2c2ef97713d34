import type { InfiniteData } from "@tanstack/react-query";
import type { TransformationSummary } from "../trpc";

/** The list query's input, shared by everything that reads or patches its cache entry. */
export const listInput = (documentId: string) => ({ documentId, limit: 20 });

interface Page {
  items: TransformationSummary[];
  nextCursor: string | null;
}
type Pages<P extends Page> = InfiniteData<P, string | null> | undefined;

export const hasItem = <P extends Page>(data: Pages<P>, id: string) =>
  data?.pages.some((page) => page.items.some((item) => item.id === id)) ?? false;

export function patchItem<P extends Page>(
  data: Pages<P>,
  id: string,
  patch: Partial<TransformationSummary>,
): Pages<P> {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.id === id ? { ...item, ...patch } : item)),
    })),
  };
}

/** Newest first, as the server lists them. */
export function prependItem<P extends Page>(data: Pages<P>, item: TransformationSummary): Pages<P> {
  if (!data || hasItem(data, item.id)) return data;
  const [first, ...rest] = data.pages;
  if (!first) return data;
  return { ...data, pages: [{ ...first, items: [item, ...first.items] }, ...rest] };
}
