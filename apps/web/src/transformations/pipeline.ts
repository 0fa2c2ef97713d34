import type { DocumentFormat, TransformationKind } from "../trpc";
import { initialValues, paramFields, type ParamValues } from "./paramFields";

/** A step being edited. `id` keys the row in React; it is never sent. */
export interface StepDraft {
  id: number;
  kind: string;
  values: ParamValues;
}

export type Catalogue = ReadonlyMap<string, TransformationKind>;

/** The formats a kind's output can feed into another step; json (structured results) feeds none. */
export type StepInput = TransformationKind["outputFormat"];

let nextStepId = 0;

export function newStep(kind: TransformationKind | undefined): StepDraft {
  return {
    id: nextStepId++,
    kind: kind?.name ?? "",
    values: kind ? initialValues(paramFields(kind.paramsJsonSchema)) : {},
  };
}

/** What each step receives: the document first, then the output of the step before it. */
export function stepInputs(
  steps: StepDraft[],
  documentFormat: DocumentFormat,
  catalogue: Catalogue,
): (StepInput | undefined)[] {
  const inputs: (StepInput | undefined)[] = [];
  let current: StepInput | undefined = documentFormat;
  for (const step of steps) {
    inputs.push(current);
    current = outputOf(catalogue.get(step.kind), current);
  }
  return inputs;
}

/** A kind that keeps its input's format (redact, rewrite) outputs whatever it was given. */
export function outputOf(
  kind: TransformationKind | undefined,
  input: StepInput | undefined,
): StepInput | undefined {
  if (!kind) return undefined;
  return kind.keepsInputFormat ? input : kind.outputFormat;
}

const describeFormats = (formats: readonly string[]) =>
  formats.length === 1 ? formats[0] : `${formats.slice(0, -1).join(", ")} or ${formats.at(-1)}`;

/** Why `kind` cannot run on `input`, or null when it can. */
export function whyNot(kind: TransformationKind, input: StepInput | undefined): string | null {
  if (!kind.available) return kind.reason ?? "unavailable";
  if (input === undefined) return null;
  if (input === "json") return "structured results cannot be transformed further";
  if (!(kind.inputFormats as readonly string[]).includes(input)) {
    return `needs ${describeFormats(kind.inputFormats)} input`;
  }
  return null;
}

/** Kinds that run on a document; upload kinds have their own entry point. */
export const pipelineKinds = (kinds: readonly TransformationKind[]) =>
  kinds.filter((kind) => !kind.upload);

export const firstRunnable = (kinds: readonly TransformationKind[], input: StepInput) =>
  kinds.find((kind) => whyNot(kind, input) === null);

/** The kinds a stored transformation ran, in order: a pipeline keeps them in its params. */
export function kindsOfRow(row: { kind: string; params: Record<string, unknown> }): string[] {
  if (row.kind !== "pipeline") return [row.kind];
  const steps = row.params.steps;
  return Array.isArray(steps)
    ? steps.map((step: { kind?: unknown }) => (typeof step.kind === "string" ? step.kind : "?"))
    : [];
}
