import { mustFill, type ParamField } from "./paramFields";

// Beyond this, a text parameter is prose (an instruction), not a word: give it room.
const LONG_TEXT = 200;

interface ParamControlProps {
  field: Exclude<ParamField, { type: "boolean" | "choices" }>;
  value: string;
  describedBy: string | undefined;
  invalid: boolean;
  onChange: (value: string) => void;
}

/** The input of a parameter typed as text: free text, a choice, a number or a list. */
export function ParamControl({ field, value, describedBy, invalid, onChange }: ParamControlProps) {
  const common = {
    value,
    required: mustFill(field),
    "aria-describedby": describedBy,
    "aria-invalid": invalid || undefined,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  switch (field.type) {
    case "choice":
      return (
        <select {...common}>
          {!common.required && <option value="">Default</option>}
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
    case "number":
      return (
        <input
          {...common}
          type="number"
          min={field.minimum}
          max={field.maximum}
          step={field.integer ? 1 : "any"}
          placeholder={field.default === undefined ? "Default" : undefined}
        />
      );
    case "list":
      return <textarea {...common} rows={3} />;
    case "text":
      return (field.maxLength ?? Infinity) > LONG_TEXT ? (
        <textarea {...common} rows={3} minLength={field.minLength} maxLength={field.maxLength} />
      ) : (
        <input
          {...common}
          minLength={field.minLength}
          maxLength={field.maxLength}
          pattern={field.pattern}
        />
      );
  }
}
