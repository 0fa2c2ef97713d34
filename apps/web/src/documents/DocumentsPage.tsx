import { useState } from "react";
import { Field } from "../components/Field";
import { trpc } from "../trpc";
import { useDebouncedValue } from "../useDebouncedValue";
import { CreateDocumentForm } from "./CreateDocumentForm";
import { DocumentList } from "./DocumentList";

export function DocumentsPage() {
  const current = trpc.workspace.current.useQuery();
  const [search, setSearch] = useState("");
  const query = useDebouncedValue(search.trim(), 300);
  // A failure here is already reported by the header, which reads the same query.
  if (!current.data) return current.isPending ? <p role="status">Loading workspace…</p> : null;
  // The server enforces roles; hiding the controls only spares viewers a guaranteed refusal.
  const canWrite = current.data.role !== "viewer";
  return (
    <div className="documents-page">
      {canWrite && <CreateDocumentForm />}
      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading">Documents</h2>
        <Field label="Search documents">
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </Field>
        {/* Keyed by workspace: a switch closes any open panel, whose stream belonged to the
            old workspace's token. */}
        <DocumentList key={current.data.id} query={query} canWrite={canWrite} />
      </section>
    </div>
  );
}
