import { useId, useState, type ClipboardEvent } from "react";
import { useDebouncedValue } from "../useDebouncedValue";
import { ContentPreview } from "./ContentPreview";
import type { DocumentValues } from "./documentValues";
import { pasteAsHtml } from "./pasteHtml";

type View = "write" | "split" | "preview";

const views: { view: View; label: string }[] = [
  { view: "write", label: "Write" },
  { view: "split", label: "Side by side" },
  { view: "preview", label: "Preview" },
];

interface ContentEditorProps {
  values: DocumentValues;
  error?: string;
  onChange: (change: Partial<DocumentValues>) => void;
  onAnnounce: (message: string) => void;
}

/** The content, with a live preview beside (or instead of) the text, and rich paste as HTML. */
export function ContentEditor({ values, error, onChange, onAnnounce }: ContentEditorProps) {
  const id = useId();
  const [view, setView] = useState<View>("split");
  // The preview follows typing after a pause, not on every key.
  const previewed = useDebouncedValue(values.content, 200);

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const paste = pasteAsHtml({
      html: event.clipboardData.getData("text/html"),
      format: values.format,
      contentEmpty: values.content.trim() === "",
    });
    if (!paste) return;
    event.preventDefault();
    const area = event.currentTarget;
    const content =
      values.content.slice(0, area.selectionStart) +
      paste.insert +
      values.content.slice(area.selectionEnd);
    onChange({ format: paste.format, content });
    if (paste.format !== values.format) {
      onAnnounce("Pasted as HTML, keeping its formatting. The format is now HTML.");
    }
  };

  return (
    <div className={`content-editor view-${view}`}>
      <div className="content-toolbar">
        <label className="field-label" htmlFor={id}>
          Content
        </label>
        <div role="group" aria-label="Editor view" className="segmented">
          {views.map((option) => (
            <button
              key={option.view}
              type="button"
              aria-pressed={view === option.view}
              onClick={() => setView(option.view)}
            >
              {option.label}
            </button>
          ))}
        </div>
      </div>
      <div className="content-panes">
        <textarea
          id={id}
          name="content"
          value={values.content}
          rows={18}
          spellCheck
          hidden={view === "preview"}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          onChange={(event) => onChange({ content: event.target.value })}
          onPaste={onPaste}
        />
        {view !== "write" && (
          <section aria-label="Preview" className="content-preview">
            <ContentPreview format={values.format} content={previewed} title="Preview" />
          </section>
        )}
      </div>
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : (
        <span id={`${id}-hint`} className="hint">
          Paste from a web page to keep its formatting as HTML.
        </span>
      )}
    </div>
  );
}
