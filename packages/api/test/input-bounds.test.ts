import { expect, it } from "vitest";
import type { JsonSchema } from "./support/json-schema";
import { listProcedures } from "./support/procedures";

const INT32_MAX = 2_147_483_647;
const MAX_PAGE_SIZE = 100;

/** Every unbounded place in a schema: where a client could send more than the server can hold. */
function unbounded(schema: JsonSchema, path: string): string[] {
  const here: string[] = [];
  // A UUID, an enum or a whole-string pattern bounds a string as well as a maximum length does.
  const boundedString =
    schema.maxLength !== undefined ||
    schema.enum !== undefined ||
    schema.format === "uuid" ||
    /^\^.*\$$/.test(schema.pattern ?? "");
  if (schema.type === "string" && !boundedString) here.push(path);
  if (schema.type === "array" && schema.maxItems === undefined) here.push(path);
  if (schema.type === "integer" && (schema.maximum ?? Infinity) > INT32_MAX) here.push(path);
  if (path.endsWith(".limit") && (schema.maximum ?? Infinity) > MAX_PAGE_SIZE) here.push(path);
  return [
    ...here,
    ...(schema.anyOf ?? []).flatMap((option) => unbounded(option, path)),
    ...Object.entries(schema.properties ?? {}).flatMap(([key, child]) =>
      unbounded(child, `${path}.${key}`),
    ),
    ...(schema.items ? unbounded(schema.items, `${path}[]`) : []),
  ];
}

it("bounds every string, list and number of every input, and caps page sizes at 100", () => {
  const found = listProcedures().flatMap((procedure) =>
    procedure.input ? unbounded(procedure.input, procedure.path) : [],
  );
  expect(found).toEqual([]);
});
