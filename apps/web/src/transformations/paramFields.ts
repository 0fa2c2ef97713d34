import { labelFor } from "../labelFor";

/**
 * The parameter form of a kind, read from the JSON Schema the catalogue publishes (zod 4's
 * `toJSONSchema`). Only the shapes the catalogue uses are understood; anything else is left to
 * the server's default, and the server validates every value again.
 */

interface Common {
  name: string;
  label: string;
  description?: string;
  required: boolean;
}

export type ParamField =
  | (Common & {
      type: "text";
      default?: string;
      minLength?: number;
      maxLength?: number;
      pattern?: string;
    })
  | (Common & { type: "choice"; options: string[]; default?: string })
  | (Common & {
      type: "number";
      integer: boolean;
      default?: number;
      minimum?: number;
      maximum?: number;
    })
  | (Common & { type: "boolean"; default?: boolean })
  | (Common & { type: "choices"; options: string[]; default?: string[] })
  | (Common & { type: "list"; default?: string[]; maxItems?: number });

/** What the inputs hold: text for text and number inputs, booleans and arrays for the rest. */
export type ParamValue = string | boolean | string[];
export type ParamValues = Record<string, ParamValue>;

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const asString = (value: unknown) => (typeof value === "string" ? value : undefined);
const asNumber = (value: unknown) => (typeof value === "number" ? value : undefined);
const asStrings = (value: unknown) =>
  Array.isArray(value) && value.every((item) => typeof item === "string") ? value : undefined;

/**
 * The one pattern an input can carry, for a string with several (zod puts the second and later
 * ones in `allOf`): each as a lookahead, so the value must match them all.
 */
function patternOf(schema: Schema): string | undefined {
  const parts = Array.isArray(schema.allOf) ? schema.allOf.filter(isSchema) : [];
  const patterns = [schema.pattern, ...parts.map((part) => part.pattern)].flatMap((pattern) =>
    typeof pattern === "string" ? [pattern] : [],
  );
  if (patterns.length <= 1) return patterns[0];
  return `${patterns.map((pattern) => `(?=${pattern})`).join("")}[\\s\\S]*`;
}

/** Required by the schema with no default to fall back on. */
export const mustFill = (field: ParamField) => field.required && field.default === undefined;

function fieldOf(name: string, schema: Schema, required: boolean): ParamField | null {
  const common: Common = {
    name,
    label: asString(schema.title) ?? labelFor(name),
    description: asString(schema.description),
    required,
  };
  const options = asStrings(schema.enum);
  switch (schema.type) {
    case "string":
      return options
        ? { ...common, type: "choice", options, default: asString(schema.default) }
        : {
            ...common,
            type: "text",
            default: asString(schema.default),
            minLength: asNumber(schema.minLength),
            maxLength: asNumber(schema.maxLength),
            pattern: patternOf(schema),
          };
    case "integer":
    case "number":
      return {
        ...common,
        type: "number",
        integer: schema.type === "integer",
        default: asNumber(schema.default),
        minimum: asNumber(schema.minimum),
        maximum: asNumber(schema.maximum),
      };
    case "boolean":
      return {
        ...common,
        type: "boolean",
        default: typeof schema.default === "boolean" ? schema.default : undefined,
      };
    case "array": {
      const items = isSchema(schema.items) ? schema.items : {};
      if (items.type !== "string") return null;
      const itemOptions = asStrings(items.enum);
      return itemOptions
        ? { ...common, type: "choices", options: itemOptions, default: asStrings(schema.default) }
        : {
            ...common,
            type: "list",
            default: asStrings(schema.default),
            maxItems: asNumber(schema.maxItems),
          };
    }
    default:
      return null;
  }
}

export function paramFields(schema: unknown): ParamField[] {
  if (!isSchema(schema) || !isSchema(schema.properties)) return [];
  const required = new Set(asStrings(schema.required) ?? []);
  return Object.entries(schema.properties).flatMap(([name, property]) => {
    const field = isSchema(property) ? fieldOf(name, property, required.has(name)) : null;
    return field ? [field] : [];
  });
}

/** The form's starting values: each field's default, else empty. */
export function initialValues(fields: ParamField[]): ParamValues {
  const entries = fields.map((field): [string, ParamValue] => {
    switch (field.type) {
      case "number":
        return [field.name, field.default === undefined ? "" : String(field.default)];
      case "boolean":
        return [field.name, field.default ?? false];
      case "choice":
        // An optional choice starts unset, so the kind's own fallback applies.
        return [field.name, field.default ?? (field.required ? (field.options[0] ?? "") : "")];
      case "choices":
        return [field.name, field.default ?? []];
      case "list":
        return [field.name, (field.default ?? []).join("\n")];
      case "text":
        return [field.name, field.default ?? ""];
    }
  });
  return Object.fromEntries(entries);
}

/** Comma- or newline-separated items, trimmed, blanks dropped. */
export const splitList = (text: string) =>
  text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * The params to send. An empty input is left out rather than sent as "" or 0, so the kind's
 * default or fallback applies (e.g. the platform's limit when no length is given); inputs that
 * have neither are marked required, so the browser does not submit them empty.
 */
export function toParams(fields: ParamField[], values: ParamValues): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined) continue;
    switch (field.type) {
      case "boolean":
        params[field.name] = value === true;
        break;
      case "choices":
        params[field.name] = Array.isArray(value) ? value : [];
        break;
      case "list":
        params[field.name] = typeof value === "string" ? splitList(value) : [];
        break;
      case "number":
        if (typeof value === "string" && value.trim() !== "") params[field.name] = Number(value);
        break;
      case "choice":
      case "text":
        if (typeof value === "string" && value !== "") params[field.name] = value;
        break;
    }
  }
  return params;
}
