import type { ReactNode } from "react";
import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { formText } from "../formText";
import type { DocumentFormat } from "../trpc";

export interface DocumentValues {
  title: string;
  format: DocumentFormat;
  content: string;
  tags: string[];
}

// A record, so a format added to the API fails type-checking here until it gets a label.
const formatLabels: Record<DocumentFormat, string> = {
  markdown: "Markdown",
  html: "HTML",
  text: "Plain text",
};

const isFormat = (value: string): value is DocumentFormat => Object.hasOwn(formatLabels, value);

function readValues(form: HTMLFormElement): DocumentValues {
  const format = formText(form, "format");
  return {
    title: formText(form, "title"),
    format: isFormat(format) ? format : "markdown",
    content: formText(form, "content"),
    tags: formText(form, "tags")
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
  };
}

interface DocumentFormProps {
  /** The form's accessible name, which tells the create and edit forms apart. */
  label: string;
  initial?: DocumentValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: DocumentValues) => void;
  onCancel?: () => void;
  children?: ReactNode;
}

/** Uncontrolled fields: callers reset the form by changing its `key`. */
export function DocumentForm({
  label,
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  children,
}: DocumentFormProps) {
  return (
    <form
      aria-label={label}
      className="document-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(readValues(event.currentTarget));
      }}
    >
      <Field label="Title">
        <input name="title" required maxLength={200} defaultValue={initial?.title} />
      </Field>
      <Field label="Format">
        <select name="format" defaultValue={initial?.format ?? "markdown"}>
          {Object.entries(formatLabels).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Content">
        <textarea name="content" rows={8} defaultValue={initial?.content} />
      </Field>
      <Field label="Tags (comma-separated)">
        <input name="tags" defaultValue={initial?.tags.join(", ")} />
      </Field>
      <FormError error={error} />
      {children}
      <div className="actions">
        <button type="submit" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
