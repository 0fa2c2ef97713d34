import { keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { FormError } from "../components/FormError";
import { trpc } from "../trpc";
import { DocumentItem } from "./DocumentItem";
import { LoadMoreButton } from "../components/LoadMoreButton";

export function DocumentList({ query, canWrite }: { query: string; canWrite: boolean }) {
  // One document's transformations at a time: each open panel holds a live stream, and
  // browsers allow only six HTTP/1.1 connections per server.
  const [transformingId, setTransformingId] = useState<string | null>(null);
  const list = trpc.document.list.useInfiniteQuery(
    { limit: 20, query: query || undefined },
    // Keeps the old results on screen while a new search loads.
    { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
  );
  if (list.isPending) return <p role="status">Loading documents…</p>;
  if (list.isError) return <FormError error={list.error} />;
  const documents = list.data.pages.flatMap((page) => page.items);
  if (documents.length === 0) {
    return (
      <p className="empty">{query ? "No document matches this search." : "No documents yet."}</p>
    );
  }
  return (
    <>
      <ul className="document-list" aria-label="Documents">
        {documents.map((document) => (
          <DocumentItem
            key={document.id}
            document={document}
            canWrite={canWrite}
            transforming={document.id === transformingId}
            onToggleTransforming={() =>
              setTransformingId((open) => (open === document.id ? null : document.id))
            }
          />
        ))}
      </ul>
      <LoadMoreButton list={list} />
    </>
  );
}
