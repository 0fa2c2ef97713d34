import { Command } from "cmdk";
import { FileText, Play, Plus, SquareArrowOutUpRight } from "lucide-react";
import { useMemo, useState } from "react";
import { useLocation } from "wouter";
import { newIdempotencyKey } from "../transformations/newIdempotencyKey";
import { useKinds } from "../transformations/useKindTitles";
import { trpc, type StepKind } from "../trpc";
import { useDebouncedValue } from "../useDebouncedValue";

interface CommandPaletteProps {
  /** "/w/<id>", or null while the workspace is unknown. */
  workspaceBase: string | null;
  canWrite: boolean;
  isAdmin: boolean;
  onClose: () => void;
}

interface Destination {
  label: string;
  path: string;
}

const openDocumentId = (path: string) => /^\/w\/[^/]+\/documents\/([^/]+)$/.exec(path)?.[1];

/**
 * Ctrl/⌘-K: go to any document (found by the same search as the list), page or action, or run a
 * transformation that needs no settings on the document that is open.
 */
export function CommandPalette({ workspaceBase, canWrite, isAdmin, onClose }: CommandPaletteProps) {
  const [location, navigate] = useLocation();
  const [search, setSearch] = useState("");
  const query = useDebouncedValue(search.trim(), 150);
  const go = (path: string) => {
    onClose();
    navigate(path);
  };

  const documents = trpc.document.list.useQuery(
    { limit: 8, query: query || undefined },
    { enabled: workspaceBase !== null, placeholderData: (previous) => previous },
  );
  const documentId = openDocumentId(location);
  const openDocument = trpc.document.get.useQuery(
    { id: documentId ?? "" },
    { enabled: documentId !== undefined },
  );
  const kinds = useKinds();
  const utils = trpc.useUtils();
  const run = trpc.transformation.create.useMutation({
    onSuccess: (created) => {
      void utils.transformation.list.invalidate();
      void utils.document.get.invalidate({ id: created.documentId });
      go(`${workspaceBase}/transformations/${created.id}`);
    },
  });

  const destinations = useMemo(() => {
    const all: Destination[] = [];
    if (workspaceBase) {
      if (canWrite) all.push({ label: "New document", path: `${workspaceBase}/documents/new` });
      all.push(
        { label: "Documents", path: `${workspaceBase}/documents` },
        { label: "Activity", path: `${workspaceBase}/activity` },
        { label: "Members and invitations", path: `${workspaceBase}/members` },
        { label: "Workspace settings", path: `${workspaceBase}/settings` },
      );
      if (isAdmin) all.push({ label: "Audit log", path: `${workspaceBase}/audit` });
    }
    all.push(
      { label: "Account and sessions", path: "/account" },
      { label: "Create a workspace", path: "/workspaces/new" },
    );
    const words = search.trim().toLowerCase();
    return all.filter((destination) => destination.label.toLowerCase().includes(words));
  }, [workspaceBase, canWrite, isAdmin, search]);

  const runnable = useMemo(() => {
    const document = openDocument.data;
    if (!document || !canWrite) return [];
    const words = search.trim().toLowerCase();
    return (kinds.data ?? []).filter(
      (kind) =>
        kind.available &&
        kind.inputFormats.includes(document.format) &&
        !(kind.paramsJsonSchema.required as string[] | undefined)?.length &&
        kind.title.toLowerCase().includes(words),
    );
  }, [openDocument.data, kinds.data, canWrite, search]);

  return (
    <Command.Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      label="Command palette"
      shouldFilter={false}
      className="palette"
      overlayClassName="palette-overlay"
      contentClassName="palette-content"
    >
      <Command.Input
        value={search}
        onValueChange={setSearch}
        placeholder="Search documents, pages and actions…"
        aria-label="Search documents, pages and actions"
      />
      <Command.List>
        <Command.Empty>
          {documents.isFetching ? "Searching…" : "Nothing matches. Try other words."}
        </Command.Empty>
        {runnable.length > 0 && (
          <Command.Group heading={`Run on “${openDocument.data!.title}”`}>
            {runnable.map((kind) => (
              <Command.Item
                key={kind.name}
                value={`run ${kind.name}`}
                disabled={run.isPending}
                onSelect={() =>
                  run.mutate({
                    documentId: openDocument.data!.id,
                    idempotencyKey: newIdempotencyKey(),
                    steps: [{ kind: kind.name as StepKind, params: {} }],
                  })
                }
              >
                <Play size={15} aria-hidden />
                {kind.title}
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {(documents.data?.items.length ?? 0) > 0 && (
          <Command.Group heading="Documents">
            {documents.data!.items.map((document) => (
              <Command.Item
                key={document.id}
                value={`document ${document.id}`}
                onSelect={() => go(`${workspaceBase}/documents/${document.id}`)}
              >
                <FileText size={15} aria-hidden />
                <span className="palette-title">{document.title}</span>
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {destinations.length > 0 && (
          <Command.Group heading="Go to">
            {destinations.map((destination) => (
              <Command.Item
                key={destination.path}
                value={`go ${destination.path}`}
                onSelect={() => go(destination.path)}
              >
                {destination.label === "New document" ? (
                  <Plus size={15} aria-hidden />
                ) : (
                  <SquareArrowOutUpRight size={15} aria-hidden />
                )}
                {destination.label}
              </Command.Item>
            ))}
          </Command.Group>
        )}
      </Command.List>
      {run.error && (
        <p role="alert" className="field-error palette-error">
          {run.error.message}
        </p>
      )}
    </Command.Dialog>
  );
}
