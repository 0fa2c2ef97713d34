import { useState } from "react";
import { trpc } from "../trpc";
import { DocumentForm } from "./DocumentForm";

export function CreateDocumentForm() {
  const utils = trpc.useUtils();
  // A new key after each success gives the next document an empty form.
  const [formKey, setFormKey] = useState(0);
  const create = trpc.document.create.useMutation({
    onSuccess: () => {
      setFormKey((key) => key + 1);
      return utils.document.list.invalidate();
    },
  });
  return (
    <section aria-labelledby="new-document-heading" className="card">
      <h2 id="new-document-heading">New document</h2>
      <DocumentForm
        key={formKey}
        label="New document"
        submitLabel="Create document"
        pending={create.isPending}
        error={create.error}
        onSubmit={(values) => create.mutate(values)}
      />
    </section>
  );
}
