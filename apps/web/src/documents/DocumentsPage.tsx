import { keepPreviousData } from "@tanstack/react-query";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Link, useLocation } from "wouter";
import { EmptyState } from "../components/EmptyState";
import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { PageHeading } from "../components/PageHeading";
import { Skeleton } from "../components/Skeleton";
import { useShortcut } from "../shortcuts/ShortcutContext";
import { useKindTitle } from "../transformations/useKindTitles";
import { trpc } from "../trpc";
import { permissions, useWorkspace } from "../workspace/WorkspaceContext";
import { BulkActions } from "./BulkActions";
import { DocumentRow } from "./DocumentRow";
import { DOCUMENTS_PAGE_SIZE } from "./listInput";
import { markDocumentsInteractive } from "./interactiveMark";
import { usePendingDeletes } from "./PendingDeletes";
import { useUrlFilters } from "./useUrlFilters";

// Fetch the next page while this many rows are still below the last one rendered.
const PREFETCH_ROWS = 15;

/**
 * The workspace's documents, newest first: search, tag filter and infinite scroll over
 * document.list's cursor pages. Only the rows on screen are rendered, however many are loaded.
 */
export function DocumentsPage() {
  const workspace = useWorkspace();
  const can = permissions(workspace.role);
  const knownTags = trpc.document.tags.useQuery(undefined, { staleTime: 60_000 });
  const tagNames = useMemo(() => knownTags.data?.map((tag) => tag.name) ?? [], [knownTags.data]);
  const filters = useUrlFilters(tagNames);
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const deletes = usePendingDeletes();
  const kindTitle = useKindTitle();
  const [, navigate] = useLocation();
  const search = useRef<HTMLInputElement>(null);

  const list = trpc.document.list.useInfiniteQuery(
    {
      limit: DOCUMENTS_PAGE_SIZE,
      query: filters.query.value || undefined,
      tag: filters.tag.value || undefined,
    },
    // The old results stay on screen while a new search loads.
    { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
  );
  const documents = useMemo(
    () =>
      (list.data?.pages.flatMap((page) => page.items) ?? []).filter(
        (document) => !deletes.isPending(document.id),
      ),
    [list.data, deletes],
  );
  const selected = documents.filter((document) => selectedIds.has(document.id));
  const select = (id: string, on: boolean) =>
    setSelectedIds((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const listElement = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const measure = () =>
      setScrollMargin((listElement.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
    measure();
    addEventListener("resize", measure);
    return () => removeEventListener("resize", measure);
  }, [list.isPending]);

  const virtualizer = useWindowVirtualizer({
    count: documents.length,
    estimateSize: () => 44,
    overscan: 8,
    scrollMargin,
    getItemKey: (index) => documents[index]!.id,
  });
  const rows = virtualizer.getVirtualItems();

  const lastRendered = rows.at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastRendered >= documents.length - PREFETCH_ROWS) {
      void fetchNextPage();
    }
  }, [lastRendered, documents.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  useEffect(() => {
    if (list.isSuccess && rows.length > 0) markDocumentsInteractive();
  }, [list.isSuccess, rows.length]);

  // j/k move through the list; the row's link takes the focus, so Enter opens it.
  const [active, setActive] = useState(-1);
  const focusRow = (index: number) => {
    if (documents.length === 0) return;
    const next = Math.max(0, Math.min(documents.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
    requestAnimationFrame(() =>
      listElement.current
        ?.querySelector<HTMLAnchorElement>(`[data-index="${next}"] .document-link`)
        ?.focus({ preventScroll: true }),
    );
  };
  const activeDocument = documents[active];
  useShortcut("/", "Search the documents", () => search.current?.focus());
  useShortcut("j", "Next document", () => focusRow(active + 1));
  useShortcut("k", "Previous document", () => focusRow(active - 1));
  useShortcut(
    "e",
    "Edit the selected document",
    () => activeDocument && navigate(`/documents/${activeDocument.id}/edit`),
    { enabled: can.write && activeDocument !== undefined },
  );
  useShortcut(
    "x",
    "Select the focused document",
    () => activeDocument && select(activeDocument.id, !selectedIds.has(activeDocument.id)),
    { enabled: can.write && activeDocument !== undefined },
  );

  const filtered = filters.active;
  const body = (() => {
    if (list.isPending) return <Skeleton label="Loading documents…" lines={8} />;
    if (list.isError && !list.data) return <FormError error={list.error} />;
    if (documents.length === 0) {
      return filtered ? (
        <EmptyState title="No document matches.">
          <p>
            Nothing found{filters.query.value && <> for “{filters.query.value}”</>}
            {filters.tag.value && <> tagged “{filters.tag.value}”</>}. Try other words, or{" "}
            <button type="button" className="link" onClick={filters.clear}>
              clear the filters
            </button>
            .
          </p>
        </EmptyState>
      ) : (
        <EmptyState title="No documents yet.">
          {can.write ? (
            <p>
              <Link href="/documents/new">Create the first one</Link>: write Markdown, paste HTML,
              or import a Markdown, HTML, text or Word file.
            </p>
          ) : (
            <p>When an editor of this workspace adds documents, they appear here.</p>
          )}
        </EmptyState>
      );
    }
    return (
      <ul
        ref={listElement}
        aria-label="Documents"
        className="document-list"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {rows.map((row) => {
          const document = documents[row.index]!;
          return (
            <li
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              aria-setsize={hasNextPage ? -1 : documents.length}
              aria-posinset={row.index + 1}
              className={row.index === active ? "document-item active" : "document-item"}
              style={{ transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)` }}
              onFocus={() => setActive(row.index)}
            >
              <DocumentRow
                document={document}
                canWrite={can.write}
                selected={selectedIds.has(document.id)}
                onSelect={(on) => select(document.id, on)}
                kindTitle={kindTitle}
                onDelete={() => deletes.remove(document)}
              />
            </li>
          );
        })}
      </ul>
    );
  })();

  return (
    <div className="documents-page">
      <div className="page-header">
        <PageHeading title="Documents">Documents</PageHeading>
        {can.write && (
          <Link href="/documents/new" className="button">
            New document
          </Link>
        )}
      </div>
      <div role="search" className="filters">
        <Field
          label="Search documents"
          hint="Words in the title or text, or how they begin; press / to search"
        >
          <input
            ref={search}
            type="search"
            value={filters.query.draft}
            onChange={(event) => filters.query.setDraft(event.target.value)}
          />
        </Field>
        <Field label="Tag" hint="Pick one of the workspace's tags">
          <input
            list="known-tags"
            value={filters.tag.draft}
            placeholder="Any tag"
            autoComplete="off"
            onChange={(event) => filters.tag.setDraft(event.target.value)}
          />
        </Field>
        <datalist id="known-tags">
          {knownTags.data?.map((tag) => (
            <option key={tag.name} value={tag.name}>
              {`${tag.count} document${tag.count === 1 ? "" : "s"}`}
            </option>
          ))}
        </datalist>
      </div>
      <p role="status" className="list-status">
        {list.isFetching && !list.isFetchingNextPage && !list.isPending
          ? "Searching…"
          : list.isSuccess && documents.length > 0
            ? `${documents.length}${hasNextPage ? "+" : ""} document${documents.length === 1 ? "" : "s"}${filtered ? " found" : ""}`
            : ""}
      </p>
      {selected.length > 0 && (
        <BulkActions selected={selected} onClear={() => setSelectedIds(new Set())} />
      )}
      {body}
      {isFetchingNextPage && <Skeleton label="Loading more documents…" lines={2} />}
      {list.isError && list.data && <FormError error={list.error} />}
    </div>
  );
}
