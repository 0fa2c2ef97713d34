import { useState, type DragEvent, type ReactNode } from "react";
import { acceptedFiles } from "./importFile";

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");

/** The file picker as a button. */
export function FilePicker({ onFile }: { onFile: (file: File) => void }) {
  return (
    <label className="button file-button">
      <input
        type="file"
        className="visually-hidden"
        accept={acceptedFiles}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so picking the same file again imports it again.
          event.target.value = "";
          if (file) onFile(file);
        }}
      />
      Import a file…
    </label>
  );
}

/** Dropping a file anywhere on the editor imports it. */
export function DropZone({
  onFile,
  children,
}: {
  onFile: (file: File) => void;
  children: ReactNode;
}) {
  const [over, setOver] = useState(false);
  return (
    <div
      className={over ? "drop-zone over" : "drop-zone"}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
        setOver(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      {children}
      {over && (
        <div className="drop-hint" aria-hidden="true">
          Drop to import the file
        </div>
      )}
    </div>
  );
}
