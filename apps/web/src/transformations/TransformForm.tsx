import { useId, useMemo, useState } from "react";
import { FormError } from "../components/FormError";
import type { RouterInputs } from "@transmute/api";
import { trpc, type DocumentFormat, type TransformationKind } from "../trpc";
import { listInput, prependItem } from "./listCache";
import { newIdempotencyKey } from "./newIdempotencyKey";
import { paramFields, toParams } from "./paramFields";
import { firstRunnable, newStep, outputOf, stepInputs, whyNot, type StepDraft } from "./pipeline";
import { StepEditor } from "./StepEditor";
import { stepIssues } from "./stepIssues";

const MAX_STEPS = 8;

interface TransformFormProps {
  documentId: string;
  documentTitle: string;
  documentFormat: DocumentFormat;
  kinds: readonly TransformationKind[];
}

/** Builds a transformation (one step, or a pipeline of several) and starts it. */
export function TransformForm({
  documentId,
  documentTitle,
  documentFormat,
  kinds,
}: TransformFormProps) {
  const utils = trpc.useUtils();
  const addHintId = useId();
  const catalogue = useMemo(() => new Map(kinds.map((kind) => [kind.name, kind])), [kinds]);
  const [steps, setSteps] = useState(() => [newStep(firstRunnable(kinds, documentFormat))]);
  // One key per version of the form: a double-click or a resent request starts one
  // transformation, while a changed form, or the same form after it started, starts another.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const create = trpc.transformation.create.useMutation({
    onSuccess: (created) => {
      setIdempotencyKey(newIdempotencyKey());
      utils.transformation.list.setInfiniteData(listInput(documentId), (data) =>
        prependItem(data, { ...created, documentTitle }),
      );
    },
  });

  const update = (next: StepDraft[]) => {
    setSteps(next);
    setIdempotencyKey(newIdempotencyKey());
    create.reset();
  };
  const inputs = stepInputs(steps, documentFormat, catalogue);
  const issues = stepIssues(create.error);
  const lastOutput = outputOf(catalogue.get(steps.at(-1)!.kind), inputs.at(-1));
  const canAdd = steps.length < MAX_STEPS && lastOutput !== undefined && lastOutput !== "json";
  const runnable = steps.every((step, index) => {
    const kind = catalogue.get(step.kind);
    return kind !== undefined && whyNot(kind, inputs[index]) === null;
  });

  return (
    <form
      aria-label="Start a transformation"
      className="transform-form"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({
          documentId,
          idempotencyKey,
          // Kinds and their fields come from the server's catalogue at run time, so the form
          // cannot know them statically; the server checks each step's params by its kind.
          steps: steps.map((step) => ({
            kind: step.kind,
            params: toParams(paramFields(catalogue.get(step.kind)?.paramsJsonSchema), step.values),
          })) as RouterInputs["transformation"]["create"]["steps"],
        });
      }}
    >
      {steps.map((step, index) => (
        <StepEditor
          key={step.id}
          position={index + 1}
          step={step}
          input={inputs[index]}
          kinds={kinds}
          catalogue={catalogue}
          paramError={(name) => issues.param(index, name)}
          kindId={index === 0 ? "transform-kind" : undefined}
          onChange={(changed) => update(steps.map((s) => (s.id === step.id ? changed : s)))}
          onRemove={
            steps.length > 1 ? () => update(steps.filter((s) => s.id !== step.id)) : undefined
          }
        />
      ))}
      <FormError message={issues.rest} />
      <div className="actions">
        <button
          type="button"
          disabled={!canAdd}
          aria-describedby={canAdd ? undefined : addHintId}
          onClick={() =>
            update([...steps, newStep(lastOutput && firstRunnable(kinds, lastOutput))])
          }
        >
          Add step
        </button>
        <button type="submit" disabled={!runnable || create.isPending}>
          {create.isPending ? "Starting…" : "Start"}
        </button>
      </div>
      {!canAdd && (
        <p id={addHintId} className="hint">
          {steps.length >= MAX_STEPS
            ? `A pipeline has at most ${MAX_STEPS} steps.`
            : "A structured (JSON) result is the end of a pipeline: nothing can follow it."}
        </p>
      )}
    </form>
  );
}
