import { listKinds, storableText } from "@transmute/transform";
import { expect, it } from "vitest";
import type { JsonSchema } from "./support/json-schema";
import { listProcedures } from "./support/procedures";

const INT32_MAX = 2_147_483_647;
const MAX_PAGE_SIZE = 100;

/** A string's patterns, however many it has (zod puts a second one in `allOf`). */
const patternsOf = (schema: JsonSchema) =>
  [schema, ...(schema.allOf ?? [])].flatMap((part) => (part.pattern ? [part.pattern] : []));

/** Every unbounded place in a schema: where a client could send more than the server can hold. */
function unbounded(schema: JsonSchema, path: string): string[] {
  const here: string[] = [];
  // A UUID, an enum or a whole-string pattern bounds a string as well as a maximum length does;
  // the storable-text pattern allows any length, so it bounds nothing.
  const boundedString =
    schema.maxLength !== undefined ||
    schema.enum !== undefined ||
    schema.format === "uuid" ||
    patternsOf(schema).some(
      (pattern) => pattern !== storableText.source && /^\^.*\$$/.test(pattern),
    );
  if (schema.type === "string" && !boundedString) here.push(path);
  if (schema.type === "array" && schema.maxItems === undefined) here.push(path);
  if (schema.type === "integer" && (schema.maximum ?? Infinity) > INT32_MAX) here.push(path);
  if (path.endsWith(".limit") && (schema.maximum ?? Infinity) > MAX_PAGE_SIZE) here.push(path);
  return [...here, ...children(schema, path).flatMap(([child, at]) => unbounded(child, at))];
}

/**
 * Every string that could reach the database without the shared text type (`boundedText` or
 * `storable`): where NUL or a lone surrogate would be a 500 rather than a BAD_REQUEST. Only
 * what is ASCII by construction may do without: UUIDs, base64, enums and constants.
 */
function unguardedText(schema: JsonSchema, path: string): string[] {
  const asciiOnly =
    schema.enum !== undefined ||
    schema.const !== undefined ||
    schema.format === "uuid" ||
    schema.format === "base64";
  const here =
    schema.type === "string" && !asciiOnly && !patternsOf(schema).includes(storableText.source)
      ? [path]
      : [];
  return [...here, ...children(schema, path).flatMap(([child, at]) => unguardedText(child, at))];
}

function children(schema: JsonSchema, path: string): [JsonSchema, string][] {
  return [
    ...(schema.anyOf ?? []).map((option): [JsonSchema, string] => [option, path]),
    ...Object.entries(schema.properties ?? {}).map(([key, child]): [JsonSchema, string] => [
      child,
      `${path}.${key}`,
    ]),
    ...(schema.items ? [[schema.items, `${path}[]`] as [JsonSchema, string]] : []),
    ...(schema.propertyNames
      ? [[schema.propertyNames, `${path}{key}`] as [JsonSchema, string]]
      : []),
    ...(typeof schema.additionalProperties === "object"
      ? [[schema.additionalProperties, `${path}.*`] as [JsonSchema, string]]
      : []),
  ];
}

const inputs = () =>
  listProcedures().flatMap((procedure) =>
    procedure.input ? [[procedure.input, procedure.path] as const] : [],
  );

/** The catalogue's parameters arrive inside `transformation.create`'s steps. */
const kindParams = () =>
  listKinds({}).map(
    (kind) => [kind.paramsJsonSchema as JsonSchema, `${kind.name} params`] as const,
  );

it("bounds every string, list and number of every input, and caps page sizes at 100", () => {
  const found = [...inputs(), ...kindParams()].flatMap(([schema, path]) => unbounded(schema, path));
  expect(found).toEqual([]);
});

it("sends every string of every input, the catalogue's parameters included, through the shared text type", () => {
  const found = [...inputs(), ...kindParams()].flatMap(([schema, path]) =>
    unguardedText(schema, path),
  );
  expect(found).toEqual([]);
});
