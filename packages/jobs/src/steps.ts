import type { transformations } from "@transmute/db";

export const PIPELINE_KIND = "pipeline";

export interface Step {
  kind: string;
  params: Record<string, unknown>;
}

type Row = Pick<typeof transformations.$inferSelect, "kind" | "params">;

/** A single kind is stored with its own params; a pipeline as kind "pipeline" with its steps. */
export const stepsOf = (row: Row): Step[] =>
  row.kind === PIPELINE_KIND
    ? ((row.params as { steps: Step[] }).steps ?? [])
    : [{ kind: row.kind, params: row.params }];

export const storedAs = (steps: Step[]): Row =>
  steps.length === 1
    ? { kind: steps[0]!.kind, params: steps[0]!.params }
    : { kind: PIPELINE_KIND, params: { steps } };
