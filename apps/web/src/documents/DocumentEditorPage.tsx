import { useRef, useState } from "react";
import { Link, useLocation } from "wouter";
import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { PageHeading } from "../components/PageHeading";
import { Skeleton } from "../components/Skeleton";
import { useToast } from "../components/Toasts";
import { useFocusFirstInvalid } from "../components/useFocusFirstInvalid";
import { errorCode, errorMessage, formErrors } from "../errors";
import { useNavigationGuard } from "../routing/useNavigationGuard";
import { useShortcut } from "../shortcuts/ShortcutContext";
import { trpc, type DocumentDetail } from "../trpc";
import { ConflictNotice } from "./ConflictNotice";
import { ContentEditor } from "./ContentEditor";
import { differ, emptyValues, toInput, valuesOf, type DocumentValues } from "./documentValues";
import { DropZone, FilePicker } from "./FileImport";
import { documentFormats, formatLabels, isFormat } from "./formats";
import { ImportError, MAX_CONTENT_BYTES, readImport } from "./importFile";

const UNSAVED = "You have unsaved changes to this document. Leave without saving them?";
const FIELDS = ["title", "format", "content", "tags"] as const;

/** New document, or editing one (`documentId`). */
export function DocumentEditorPage({ documentId }: { documentId?: string }) {
  // Read fresh when editing starts, and never swapped behind the user's back afterwards: a
  // background refetch would silently adopt someone else's version, and the save would then
  // overwrite their change without a CONFLICT.
  const document = trpc.document.get.useQuery(
    { id: documentId ?? "" },
    {
      enabled: documentId !== undefined,
      staleTime: Infinity,
      refetchOnMount: "always",
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  );
  if (documentId === undefined) return <Editor document={null} />;
  if (document.isError) {
    return (
      <>
        <PageHeading title="Edit document">Edit document</PageHeading>
        <FormError error={document.error} />
        <Link href="/documents">Back to the documents</Link>
      </>
    );
  }
  if (!document.isFetchedAfterMount || !document.data) {
    return <Skeleton label="Loading the document…" lines={10} />;
  }
  return <Editor document={document.data} />;
}

function Editor({ document }: { document: DocumentDetail | null }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const [, navigate] = useLocation();
  const form = useRef<HTMLFormElement>(null);
  const initial = document ? valuesOf(document) : emptyValues;
  const [values, setValues] = useState(initial);
  const [saved, setSaved] = useState({ version: document?.version ?? 0, values: initial });
  const [theirs, setTheirs] = useState<DocumentDetail | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const dirty = differ(values, saved.values);
  const leaveWithoutAsking = useNavigationGuard(dirty, UNSAVED);

  const done = (id: string, message: string) => {
    leaveWithoutAsking();
    toast({ message });
    navigate(`/documents/${id}`);
  };
  const create = trpc.document.create.useMutation({
    onSuccess: async (created) => {
      await utils.document.list.invalidate();
      done(created.id, `Created “${created.title}”.`);
    },
  });
  const update = trpc.document.update.useMutation({
    onSuccess: async (updated) => {
      await Promise.all([
        utils.document.list.invalidate(),
        utils.document.get.invalidate({ id: updated.id }),
      ]);
      done(updated.id, `Saved “${updated.title}”.`);
    },
    onError: (error) => {
      if (errorCode(error) !== "CONFLICT" || !document) return;
      utils.client.document.get
        .query({ id: document.id })
        .then(setTheirs, (reload: unknown) =>
          setLocalError({ field: "form", message: errorMessage(reload) }),
        );
    },
  });
  const importDocx = trpc.document.importDocx.useMutation({
    onSuccess: async ({ document: created, warnings }) => {
      await utils.document.list.invalidate();
      const note = warnings.length > 0 ? ` Word noted: ${warnings.slice(0, 2).join("; ")}` : "";
      done(created.id, `Imported “${created.title}”.${note}`);
    },
  });

  const mutation = document ? update : create;
  const errors = formErrors(mutation.error ?? importDocx.error, FIELDS);
  const conflict = errorCode(update.error) === "CONFLICT";
  useFocusFirstInvalid(form, mutation.error);
  const fieldError = (name: string) =>
    localError?.field === name ? localError.message : errors.field(name);

  const change = (patch: Partial<DocumentValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setLocalError(null);
  };

  const save = (version = saved.version) => {
    const input = toInput(values);
    if (new TextEncoder().encode(input.content).length > MAX_CONTENT_BYTES) {
      setLocalError({
        field: "content",
        message:
          "The content is larger than 1 MiB, the most a document can hold. Split it into several documents.",
      });
      return;
    }
    if (document) update.mutate({ id: document.id, version, ...input });
    else create.mutate(input);
  };

  const importFile = async (file: File) => {
    setLocalError(null);
    try {
      const imported = await readImport(file);
      if (imported.type === "docx") {
        if (document) {
          setLocalError({
            field: "form",
            message: "A Word file becomes a new document of its own. Import it from New document.",
          });
          return;
        }
        importDocx.mutate({
          fileName: imported.fileName,
          contentBase64: imported.contentBase64,
          tags: toInput(values).tags,
        });
        return;
      }
      if (values.content.trim() && !window.confirm(`Replace the content with “${file.name}”?`)) {
        return;
      }
      change({
        format: imported.format,
        content: imported.content,
        title: values.title.trim() ? values.title : imported.title,
      });
      setAnnouncement(`Imported “${file.name}” as ${formatLabels[imported.format]}.`);
    } catch (error) {
      setLocalError({
        field: "form",
        message: error instanceof ImportError ? error.message : errorMessage(error),
      });
    }
  };

  useShortcut("mod+s", "Save the document", () => form.current?.requestSubmit(), {
    whileTyping: true,
  });

  const title = document ? `Edit “${document.title}”` : "New document";
  const pending = mutation.isPending || importDocx.isPending;
  return (
    <DropZone onFile={(file) => void importFile(file)}>
      <div className="page-header">
        <PageHeading title={title}>{title}</PageHeading>
        <FilePicker onFile={(file) => void importFile(file)} />
      </div>
      <p className="hint">
        Write Markdown with a live preview, paste from a web page, or import a Markdown, HTML, text
        {document ? "" : " or Word"} file: pick one, or drop it here.
      </p>
      <form
        ref={form}
        aria-label={document ? `Edit ${document.title}` : "New document"}
        className="document-editor"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        {conflict && theirs && (
          <ConflictNotice
            theirs={theirs}
            mine={values}
            pending={update.isPending}
            onKeepMine={() => save(theirs.version)}
            onTakeTheirs={() => {
              const latest = valuesOf(theirs);
              setValues(latest);
              setSaved({ version: theirs.version, values: latest });
              setTheirs(null);
              update.reset();
              utils.document.get.setData({ id: theirs.id }, theirs);
            }}
          />
        )}
        <div className="editor-meta">
          <Field label="Title" error={fieldError("title")}>
            <input
              name="title"
              required
              maxLength={200}
              value={values.title}
              onChange={(event) => change({ title: event.target.value })}
            />
          </Field>
          <Field label="Format" error={fieldError("format")}>
            <select
              name="format"
              value={values.format}
              onChange={(event) => {
                if (isFormat(event.target.value)) change({ format: event.target.value });
              }}
            >
              {documentFormats.map((format) => (
                <option key={format} value={format}>
                  {formatLabels[format]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Tags" hint="Separated by commas" error={fieldError("tags")}>
            <input
              name="tags"
              value={values.tags}
              onChange={(event) => change({ tags: event.target.value })}
            />
          </Field>
        </div>
        <ContentEditor
          values={values}
          error={fieldError("content")}
          onChange={change}
          onAnnounce={setAnnouncement}
        />
        <p role="status" className="hint">
          {announcement}
        </p>
        <FormError
          message={
            conflict ? null : localError?.field === "form" ? localError.message : errors.form
          }
        />
        <div className="actions sticky-actions">
          <button type="submit" disabled={pending}>
            {pending ? "Saving…" : document ? "Save changes" : "Create document"}
          </button>
          <Link href={document ? `/documents/${document.id}` : "/documents"} className="button">
            Cancel
          </Link>
          <span className="hint">{dirty ? "Unsaved changes" : "No unsaved changes"}</span>
        </div>
      </form>
    </DropZone>
  );
}
