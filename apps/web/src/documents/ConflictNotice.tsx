export function ConflictNotice({
  reloading,
  onReload,
}: {
  reloading: boolean;
  onReload: () => void;
}) {
  return (
    <div role="alert" className="form-error">
      <p>
        Someone else changed this document after you opened it, so your edit was not saved. Reload
        the document to get the latest version, then apply your edit again.
      </p>
      <button type="button" disabled={reloading} onClick={onReload}>
        Reload document
      </button>
    </div>
  );
}
