import { Play, Tag, Trash2, X } from "lucide-react";
import { useState } from "react";
import { useToast } from "../components/Toasts";
import { errorMessage } from "../errors";
import { newIdempotencyKey } from "../transformations/newIdempotencyKey";
import { useKinds } from "../transformations/useKindTitles";
import { trpc, type DocumentSummary, type StepKind } from "../trpc";
import { usePendingDeletes } from "./PendingDeletes";

/** Runs `task` on every document, then tells how many it worked for. */
async function forEach(
  documents: DocumentSummary[],
  task: (document: DocumentSummary) => Promise<unknown>,
) {
  const results = await Promise.allSettled(documents.map(task));
  const failed = results.flatMap((result): unknown[] =>
    result.status === "rejected" ? [result.reason] : [],
  );
  return { done: results.length - failed.length, failed };
}

/** What can be done to the selected documents at once: tag, transform, delete. */
export function BulkActions({
  selected,
  onClear,
}: {
  selected: DocumentSummary[];
  onClear: () => void;
}) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const deletes = usePendingDeletes();
  const kinds = useKinds();
  const [tag, setTag] = useState("");
  const [kind, setKind] = useState("");
  const [busy, setBusy] = useState(false);
  const formats = new Set(selected.map((document) => document.format));
  // Kinds that need no settings and take every selected document's format.
  const runnable = (kinds.data ?? []).filter(
    (candidate) =>
      candidate.available &&
      [...formats].every((format) => candidate.inputFormats.includes(format)) &&
      !(candidate.paramsJsonSchema.required as string[] | undefined)?.length,
  );
  const count = `${selected.length} document${selected.length === 1 ? "" : "s"}`;

  const report = (what: string, { done, failed }: { done: number; failed: unknown[] }) => {
    toast(
      failed.length === 0
        ? { message: `${what} ${count}.` }
        : {
            tone: "error",
            message: `${what} ${done} of ${selected.length}: ${errorMessage(failed[0])}`,
          },
    );
  };

  const addTag = async () => {
    const name = tag.trim();
    if (!name) return;
    setBusy(true);
    const result = await forEach(selected, (document) =>
      utils.client.document.update.mutate({
        id: document.id,
        version: document.version,
        tags: [...new Set([...document.tags, name])],
      }),
    );
    await Promise.all([utils.document.list.invalidate(), utils.document.tags.invalidate()]);
    setBusy(false);
    setTag("");
    report(`Tagged “${name}”:`, result);
  };

  const transform = async () => {
    if (!kind) return;
    setBusy(true);
    const result = await forEach(selected, (document) =>
      utils.client.transformation.create.mutate({
        documentId: document.id,
        idempotencyKey: newIdempotencyKey(),
        steps: [{ kind: kind as StepKind, params: {} }],
      }),
    );
    await utils.document.list.invalidate();
    setBusy(false);
    report("Started on", result);
  };

  return (
    <div role="region" aria-label="Selected documents" className="bulk-bar">
      <strong>{selected.length} selected</strong>
      <form
        className="bulk-form"
        onSubmit={(event) => {
          event.preventDefault();
          void addTag();
        }}
      >
        <input
          aria-label="Tag to add"
          placeholder="Add a tag"
          value={tag}
          maxLength={40}
          list="known-tags"
          onChange={(event) => setTag(event.target.value)}
        />
        <button type="submit" className="quiet" disabled={busy || !tag.trim()}>
          <Tag size={15} aria-hidden /> Tag
        </button>
      </form>
      <form
        className="bulk-form"
        onSubmit={(event) => {
          event.preventDefault();
          void transform();
        }}
      >
        <select
          aria-label="Transformation to run"
          value={kind}
          onChange={(event) => setKind(event.target.value)}
        >
          <option value="">Transform…</option>
          {runnable.map((candidate) => (
            <option key={candidate.name} value={candidate.name}>
              {candidate.title}
            </option>
          ))}
        </select>
        <button type="submit" className="quiet" disabled={busy || !kind}>
          <Play size={15} aria-hidden /> Run
        </button>
      </form>
      <button
        type="button"
        className="quiet danger-icon"
        disabled={busy}
        onClick={() => {
          for (const document of selected) deletes.remove(document);
          onClear();
        }}
      >
        <Trash2 size={15} aria-hidden /> Delete
      </button>
      <button
        type="button"
        className="quiet icon-button"
        aria-label="Clear the selection"
        onClick={onClear}
      >
        <X size={15} aria-hidden />
      </button>
    </div>
  );
}
