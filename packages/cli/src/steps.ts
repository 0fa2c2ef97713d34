import type { RouterOutputs, TransformationStep } from "@transmute/client";
import { InvalidArgumentError } from "commander";
import { usageError } from "./errors";

type Kind = RouterOutputs["transformation"]["kinds"][number];

export interface Param {
  /** The kind it is for, from `kind.key=value`; unset, every step that has the key. */
  kind?: string;
  key: string;
  value: unknown;
}

/** `[kind.]key=value`; the value is read as JSON when it is JSON (numbers, booleans, lists), else as text. */
export function parseParam(entry: string, previous: Param[] = []): Param[] {
  const equals = entry.indexOf("=");
  if (equals < 1) throw new InvalidArgumentError(`Expected key=value, got "${entry}".`);
  const name = entry.slice(0, equals);
  const raw = entry.slice(equals + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Plain text.
  }
  const dot = name.lastIndexOf(".");
  const param =
    dot > 0 ? { kind: name.slice(0, dot), key: name.slice(dot + 1), value } : { key: name, value };
  return [...previous, param];
}

const paramNames = (kind: Kind): string[] => {
  const properties = kind.paramsJsonSchema.properties;
  return properties && typeof properties === "object" ? Object.keys(properties) : [];
};

/**
 * The pipeline the command line names, checked against the server's catalogue before anything is
 * sent: a kind it does not have, or a parameter no step takes, is a usage error that says which.
 */
export function buildSteps(
  catalogue: Kind[],
  kinds: string[],
  params: Param[],
): TransformationStep[] {
  const known = new Map(catalogue.map((kind) => [kind.name, kind]));
  const steps = kinds.map((name) => {
    const kind = known.get(name);
    if (!kind) {
      throw usageError(`Unknown kind "${name}": one of ${[...known.keys()].join(", ")}`);
    }
    const params: Record<string, unknown> = {};
    return { kind, params };
  });
  for (const param of params) {
    const targets = steps.filter(
      (step) =>
        (param.kind === undefined || step.kind.name === param.kind) &&
        paramNames(step.kind).includes(param.key),
    );
    if (targets.length === 0) {
      const label = param.kind ? `${param.kind}.${param.key}` : param.key;
      const takes = steps.map(
        (step) => `${step.kind.name}: ${paramNames(step.kind).join(", ") || "none"}`,
      );
      throw usageError(`No step takes the parameter "${label}" (${takes.join("; ")})`);
    }
    for (const step of targets) step.params[param.key] = param.value;
  }
  // The kinds are the server's and the values are checked by it, with the parameter's name.
  return steps.map((step) => ({ kind: step.kind.name, params: step.params }) as TransformationStep);
}
