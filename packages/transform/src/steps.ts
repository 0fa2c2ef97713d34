import { z } from "zod";
import { catalogue, kindNames, type Catalogue, type KindName } from "./catalogue";

type StepSchemaOf<K extends KindName> = z.ZodObject<
  { kind: z.ZodLiteral<K>; params: z.ZodOptional<Catalogue[K]["params"]> },
  z.core.$strict
>;

/**
 * One step as a caller sends it: the kind's own parameters, fields with defaults optional. The
 * return type is spelt out because, inferred, `catalogue[kind]` widens to every kind's definition.
 */
function stepOf<K extends KindName>(kind: K): StepSchemaOf<K> {
  return z.strictObject({ kind: z.literal(kind), params: catalogue[kind].params.optional() });
}

type StepSchema = { [K in KindName]: StepSchemaOf<K> }[KindName];

/**
 * A step, discriminated by `kind`, so each kind's parameter schema reaches the callers' types and
 * the API's OpenAPI document. Whether the steps chain, and whether a kind is available, is
 * `parsePipeline`'s to check.
 */
export const stepSchema = z.discriminatedUnion(
  "kind",
  kindNames.map(stepOf) as [StepSchema, ...StepSchema[]],
  {
    // Names the kind that was sent (bounded: it is only echoed), so a typo is easy to spot.
    error: (issue) =>
      issue.code === "invalid_union"
        ? `Unknown kind ${JSON.stringify(String((issue.input as { kind?: unknown } | undefined)?.kind).slice(0, 64))}; one of ${kindNames.map((name) => `"${name}"`).join(", ")}`
        : undefined,
  },
);

export type StepInput = z.input<typeof stepSchema>;
