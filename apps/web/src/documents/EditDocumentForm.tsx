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
  const document = trpc.document.get.useQuery({ id });
  const update = trpc.document.update.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.document.list.invalidate(), utils.document.get.invalidate({ id })]);
      onDone();
    },
  });

  if (document.isPending) return <p role="status">Loading {title}…</p>;
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
