import { useId } from "react";
import type { TransformationKind } from "../trpc";
import { ParamInput } from "./ParamInput";
import { paramFields } from "./paramFields";
import { newStep, whyNot, type Catalogue, type StepDraft, type StepInput } from "./pipeline";

interface StepEditorProps {
  position: number;
  step: StepDraft;
  input: StepInput | undefined;
  kinds: readonly TransformationKind[];
  catalogue: Catalogue;
  /** The server's objection to one of this step's parameters, by parameter name. */
  paramError: (name: string) => string | undefined;
  /** For the first step's kind: the "t" shortcut focuses it. */
  kindId?: string;
  onChange: (step: StepDraft) => void;
  onRemove?: () => void;
}

/** One step of a pipeline: its kind, then the form that kind's parameters call for. */
export function StepEditor({
  position,
  step,
  input,
  kinds,
  catalogue,
  paramError,
  kindId,
  onChange,
  onRemove,
}: StepEditorProps) {
  const descriptionId = useId();
  const kind = catalogue.get(step.kind);
  const problem = kind && whyNot(kind, input);
  return (
    <fieldset className="step">
      <legend>Step {position}</legend>
      <div className="field">
        <label>
          <span className="field-label">Kind</span>
          <select
            id={kindId}
            value={step.kind}
            aria-describedby={kind ? descriptionId : undefined}
            // A new kind has other parameters: start again from its defaults. The id stays, so
            // React keeps this fieldset (and the focus in it).
            onChange={(event) =>
              onChange({ ...newStep(catalogue.get(event.target.value)), id: step.id })
            }
          >
            {kinds.map((option) => {
              const reason = whyNot(option, input);
              return (
                <option key={option.name} value={option.name} disabled={reason !== null}>
                  {reason ? `${option.title} (${reason})` : option.title}
                </option>
              );
            })}
          </select>
        </label>
        {kind && (
          <span id={descriptionId} className="hint">
            {kind.description}
          </span>
        )}
      </div>
      {problem && (
        <p role="alert" className="form-error">
          {kind.title} cannot run here: {problem}.
        </p>
      )}
      {kind &&
        paramFields(kind.paramsJsonSchema).map((field) => (
          <ParamInput
            key={field.name}
            field={field}
            value={step.values[field.name]}
            error={paramError(field.name)}
            onChange={(value) =>
              onChange({ ...step, values: { ...step.values, [field.name]: value } })
            }
          />
        ))}
      {onRemove && (
        <button type="button" aria-label={`Remove step ${position}`} onClick={onRemove}>
          Remove step
        </button>
      )}
    </fieldset>
  );
}
