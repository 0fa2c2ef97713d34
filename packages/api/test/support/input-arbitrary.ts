import fc from "fast-check";
import type { JsonSchema } from "./json-schema";

/** Generated strings stay short unless a case asks for a huge one; bounds are tested separately. */
const MAX_GENERATED_LENGTH = 64;

/**
 * Inputs shaped like the schema: right types, lengths and enums mostly in range, any code point
 * (NUL and lone surrogates included). `ids` are mixed into every UUID, so calls aim at real rows.
 */
export function shapedInput(schema: JsonSchema, ids: string[] = []): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((option) => shapedInput(option, ids)));
  switch (schema.type) {
    case "object": {
      const properties = schema.properties ?? {};
      if (Object.keys(properties).length === 0 && schema.additionalProperties) {
        return fc.dictionary(fc.string({ maxLength: 16 }), fc.jsonValue({ maxDepth: 3 }), {
          maxKeys: 5,
        });
      }
      const shapes = Object.fromEntries(
        Object.entries(properties).map(([key, child]) => [key, shapedInput(child, ids)]),
      );
      return fc.record(shapes, { requiredKeys: schema.required ?? [] });
    }
    case "array":
      return fc.array(shapedInput(schema.items ?? {}, ids), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case "string":
      return shapedString(schema, ids);
    case "integer":
      return fc.oneof(
        fc.integer({
          min: Math.max(schema.minimum ?? -1000, Number.MIN_SAFE_INTEGER),
          max: Math.min(schema.maximum ?? 1000, Number.MAX_SAFE_INTEGER),
        }),
        fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER),
      );
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function shapedString(schema: JsonSchema, ids: string[]): fc.Arbitrary<string> {
  switch (schema.format) {
    case "uuid":
      return ids.length ? fc.oneof(fc.uuid(), fc.constantFrom(...ids)) : fc.uuid();
    case "email":
      return fc.oneof(fc.emailAddress(), fc.string({ maxLength: 40 }));
    case "base64":
      return fc.oneof(fc.base64String({ maxLength: 200 }), fc.string({ maxLength: 40 }));
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 256, MAX_GENERATED_LENGTH));
  const text = fc.string({ minLength, maxLength: Math.max(minLength, maxLength - 1) });
  return fc.oneof(
    fc.string({ minLength, maxLength, unit: "binary" }),
    fc.string({ minLength, maxLength }),
    // Random code points almost never land on these; PostgreSQL stores neither.
    fc
      .tuple(text, unstorable, fc.nat())
      .map(([value, bad, at]) => spliced(value, bad, at % (value.length + 1))),
  );
}

/** NUL and UTF-16 halves without their other half. */
const unstorable = fc.constantFrom("\u0000", "\ud800", "\udbff", "\udc00", "\udfff");

const spliced = (value: string, inserted: string, at: number) =>
  value.slice(0, at) + inserted + value.slice(at);

const deeplyNested = (depth: number): unknown =>
  Array.from({ length: depth }).reduce<unknown>((inner) => ({ a: [inner] }), "bottom");

/** Keys that, copied naively into an object, rewrite every object's prototype. */
const pollution = JSON.parse(
  '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}',
) as Record<string, unknown>;

/** Values no schema accepts, or that test its limits: wrong types, huge, deep, poisoned. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constant("x".repeat(200_000)),
  fc.constant("\u{1F600}".repeat(60_000)),
  fc.constant("\u0000"),
  fc.constant("x\ud800y"),
  fc.constant(deeplyNested(2_000)),
  fc.constant(pollution),
  fc.constant(Array.from({ length: 10_000 }, (_, i) => i)),
  fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53 + 1, true, "", "null", "[]", "{}"),
);

/**
 * What a hostile client might send to a procedure: a shaped input, a shaped input with one
 * property replaced by something hostile or a poisoned key added, or something else entirely.
 */
export function hostileInput(schema: JsonSchema | null, ids: string[] = []): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(fc.constant(undefined), hostileValue);
  const shaped = shapedInput(schema, ids);
  const keys = Object.keys(schema.properties ?? {});
  const spoiled = fc
    .tuple(shaped, fc.constantFrom(...(keys.length ? keys : ["input"])), hostileValue)
    .map(([input, key, value]) =>
      typeof input === "object" && input !== null ? { ...input, [key]: value } : value,
    );
  const poisoned = shaped.map((input) =>
    typeof input === "object" && input !== null ? { ...pollution, ...input } : input,
  );
  return fc.oneof(
    { arbitrary: shaped, weight: 3 },
    { arbitrary: spoiled, weight: 3 },
    { arbitrary: poisoned, weight: 1 },
    { arbitrary: hostileValue, weight: 1 },
  );
}
