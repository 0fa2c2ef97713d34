import { useState } from "react";
import { FormError } from "../components/FormError";
import { trpc } from "../trpc";

/** Deleting cannot be undone, so it takes a second, explicit click. */
export function DeleteDocumentButton({ id, title }: { id: string; title: string }) {
  const utils = trpc.useUtils();
  const [confirming, setConfirming] = useState(false);
  const remove = trpc.document.delete.useMutation({
    onSuccess: () => utils.document.list.invalidate(),
  });

  if (!confirming) {
    return (
      <button type="button" aria-label={`Delete ${title}`} onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  }
  return (
    <div role="group" aria-label={`Confirm deleting ${title}`} className="confirm">
      <span>Delete this document for everyone?</span>
      <button
        type="button"
        className="danger"
        disabled={remove.isPending}
        onClick={() => remove.mutate({ id })}
      >
        Yes, delete
      </button>
      <button
        type="button"
        onClick={() => {
          remove.reset();
          setConfirming(false);
        }}
      >
        Cancel
      </button>
      <FormError error={remove.error} />
    </div>
  );
}
