import { useId } from "react";
import { ParamControl } from "./ParamControl";
import type { ParamField, ParamValue } from "./paramFields";

interface ParamInputProps {
  field: ParamField;
  value: ParamValue | undefined;
  /** Why the server refused this value. */
  error?: string;
  onChange: (value: ParamValue) => void;
}

const helpText = (field: ParamField) => {
  const list =
    field.type === "list"
      ? `One per line, or separated by commas${field.maxItems ? ` (at most ${field.maxItems})` : ""}. `
      : "";
  return `${list}${field.description ?? ""}`.trim();
};

/** One parameter, labelled, with its schema's description as help text. */
export function ParamInput({ field, value, error, onChange }: ParamInputProps) {
  const hintId = useId();
  const errorId = `${hintId}-error`;
  const help = helpText(field);
  const hint = (
    <>
      {help && (
        <span id={hintId} className="hint">
          {help}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </>
  );
  const describedBy =
    [help ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;

  switch (field.type) {
    case "boolean":
      return (
        <div className="field">
          <label className="check">
            <input
              type="checkbox"
              checked={value === true}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
              onChange={(event) => onChange(event.target.checked)}
            />
            {field.label}
          </label>
          {hint}
        </div>
      );
    case "choices": {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="field choices" aria-describedby={describedBy}>
          <legend className="field-label">{field.label}</legend>
          {field.options.map((option) => (
            <label key={option} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(option)}
                onChange={(event) =>
                  onChange(
                    // Kept in the schema's order, whatever order they were ticked in.
                    field.options.filter((o) =>
                      o === option ? event.target.checked : chosen.includes(o),
                    ),
                  )
                }
              />
              {option}
            </label>
          ))}
          {hint}
        </fieldset>
      );
    }
    default:
      return (
        <div className="field">
          <label>
            <span className="field-label">{field.label}</span>
            <ParamControl
              field={field}
              value={typeof value === "string" ? value : ""}
              describedBy={describedBy}
              invalid={error !== undefined}
              onChange={onChange}
            />
          </label>
          {hint}
        </div>
      );
  }
}
