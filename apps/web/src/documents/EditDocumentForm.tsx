import { FormError } from "../components/FormError";
import { errorCode } from "../errors";
import { trpc } from "../trpc";
import { ConflictNotice } from "./ConflictNotice";
import { DocumentForm } from "./DocumentForm";

interface EditDocumentFormProps {
  id: string;
  title: string;
  onDone: () => void;
}

/** Edits the full document (the list only carries an excerpt), naming the version it was read at. */
export function EditDocumentForm({ id, title, onDone }: EditDocumentFormProps) {
  const utils = trpc.useUtils();
  // The form edits one version: read it fresh when editing starts, and never swap it behind the
  // user's back (a background refetch would silently adopt someone else's version and let this
  // save overwrite their change without a CONFLICT).
  const document = trpc.document.get.useQuery(
    { id },
    {
      staleTime: Infinity,
      refetchOnMount: "always",
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  );
  const update = trpc.document.update.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.document.list.invalidate(), utils.document.get.invalidate({ id })]);
      onDone();
    },
  });

  if (document.isPending || (document.isFetching && !update.isError)) {
    return <p role="status">Loading {title}…</p>;
  }
  if (document.isError) {
    return (
      <div>
        <FormError error={document.error} />
        <button type="button" onClick={onDone}>
          Close
        </button>
      </div>
    );
  }

  const conflict = errorCode(update.error) === "CONFLICT";
  return (
    <DocumentForm
      // A reloaded version remounts the form with the newer content.
      key={document.data.version}
      label={`Edit ${title}`}
      initial={document.data}
      submitLabel="Save changes"
      pending={update.isPending}
      error={conflict ? null : update.error}
      onSubmit={(values) => update.mutate({ id, version: document.data.version, ...values })}
      onCancel={onDone}
    >
      {conflict && (
        <ConflictNotice
          reloading={document.isFetching}
          onReload={() => {
            update.reset();
            void document.refetch();
          }}
        />
      )}
    </DocumentForm>
  );
}
