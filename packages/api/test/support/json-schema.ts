import { newId } from "@transmute/db";

/** The part of JSON Schema that zod's `toJSONSchema` emits for our inputs. */
export interface JsonSchema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  examples?: unknown[];
}

/**
 * The simplest input a schema accepts: required properties only, the first enum value, the
 * shortest string. A schema's `examples` win, for inputs whose validity depends on more than
 * their shape (a transformation step must name a real kind).
 */
export function sampleFor(schema: JsonSchema): unknown {
  if (schema.examples?.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf) return sampleFor(schema.anyOf.find((option) => option.type !== "null")!);
  switch (schema.type) {
    case "object":
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, sampleFor(schema.properties![key]!)]),
      );
    case "array":
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleFor(schema.items!));
    case "string":
      return sampleString(schema);
    case "integer":
    case "number":
      return Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? Infinity);
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return {};
  }
}

function sampleString(schema: JsonSchema): string {
  switch (schema.format) {
    case "uuid":
      return newId();
    case "email":
      return "someone@example.test";
    case "base64":
      return "";
  }
  if (schema.pattern === "^\\d{1,18}$") return "0";
  return "x".repeat(Math.max(schema.minLength ?? 0, 1));
}

/** Where in an input the schema puts UUIDs: top-level property names, and whether any hide deeper. */
export function uuidFields(schema: JsonSchema | null): { topLevel: string[]; nested: string[] } {
  const topLevel: string[] = [];
  const nested: string[] = [];
  const visit = (node: JsonSchema, path: string[]) => {
    if (node.format === "uuid") (path.length === 1 ? topLevel : nested).push(path.join("."));
    for (const option of node.anyOf ?? []) visit(option, path);
    for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, [...path, key]);
    if (node.items) visit(node.items, [...path, "[]"]);
    if (typeof node.additionalProperties === "object") {
      visit(node.additionalProperties, [...path, "*"]);
    }
  };
  if (schema) visit(schema, []);
  return { topLevel, nested };
}
