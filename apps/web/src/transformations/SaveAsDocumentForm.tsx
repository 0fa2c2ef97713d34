import { useState } from "react";
import { Link } from "wouter";
import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { formText } from "../formText";
import { trpc } from "../trpc";

/** Keeps a result as a new document; the title is asked first, starting from a suggestion. */
export function SaveAsDocumentForm({ id, defaultTitle }: { id: string; defaultTitle: string }) {
  const utils = trpc.useUtils();
  const [asking, setAsking] = useState(false);
  const save = trpc.transformation.saveAsDocument.useMutation({
    onSuccess: () => {
      setAsking(false);
      return utils.document.list.invalidate();
    },
  });

  if (!asking) {
    return (
      <p className="actions">
        <button
          type="button"
          onClick={() => {
            save.reset();
            setAsking(true);
          }}
        >
          Save as document
        </button>
        {save.data && (
          <span role="status" className="hint">
            Saved as “<Link href={`/documents/${save.data.id}`}>{save.data.title}</Link>”.
          </span>
        )}
      </p>
    );
  }
  return (
    <form
      aria-label="Save as document"
      className="save-as"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ id, title: formText(event.currentTarget, "title") });
      }}
    >
      <Field label="Title">
        <input name="title" required maxLength={200} defaultValue={defaultTitle} autoFocus />
      </Field>
      <FormError error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Save
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
