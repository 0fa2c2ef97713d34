import { z } from "zod";
import { appRouter } from "../../src/root";
import type { ProcedureMeta } from "../../src/trpc";
import type { JsonSchema } from "./json-schema";

export interface ProcedureInfo {
  path: string;
  /** The router it belongs to: `document` for `document.get`. */
  namespace: string;
  type: "query" | "mutation" | "subscription";
  access: ProcedureMeta["access"] | undefined;
  /** What an API key needs to call it; undefined: keys are refused. */
  scope: ProcedureMeta["scope"];
  /** The input as a client sends it (defaults optional), or null for procedures without input. */
  input: JsonSchema | null;
}

interface ProcedureDef {
  _def: { type: ProcedureInfo["type"]; meta?: ProcedureMeta; inputs: z.ZodType[] };
}

/** Every procedure of the app router, read from the router itself so new ones are never missed. */
export function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  return Object.entries(procedures).map(([path, procedure]) => {
    const [schema, ...rest] = procedure._def.inputs;
    if (rest.length > 0) throw new Error(`${path}: chained inputs are not supported here`);
    return {
      path,
      namespace: path.split(".")[0]!,
      type: procedure._def.type,
      access: procedure._def.meta?.access,
      scope: procedure._def.meta?.scope,
      input: schema
        ? (z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema)
        : null,
    };
  });
}
