import { describe, expect, it } from "vitest";
import { catalogue, getTransform, kindNames, listKinds } from "../src/index";

type JsonSchema = {
  type?: string;
  description?: string;
  enum?: unknown[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
};

describe("catalogue", () => {
  it("is keyed by each kind's kebab-case name", () => {
    for (const [key, definition] of Object.entries(catalogue)) {
      expect(definition.name).toBe(key);
      expect(key).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
    expect(kindNames).toHaveLength(11);
    expect(getTransform("summarize")).toBe(catalogue.summarize);
    expect(getTransform("toString")).toBeUndefined();
    expect(getTransform("nope")).toBeUndefined();
  });

  it("gives every parameter a description and bounds, so a form can render it", () => {
    const bounded = (name: string, schema: JsonSchema) => {
      expect(schema.description, name).toBeTruthy();
      if (schema.enum) return;
      if (schema.type === "string") expect(schema.maxLength, name).toBeDefined();
      if (schema.type === "integer" || schema.type === "number") {
        expect(schema.minimum, name).toBeDefined();
        expect(schema.maximum, name).toBeDefined();
      }
      if (schema.type === "array") {
        expect(schema.maxItems, name).toBeDefined();
        const items = schema.items!;
        expect(items.enum ?? items.maxLength, `${name} items`).toBeDefined();
      }
    };
    for (const kind of listKinds({})) {
      const schema = kind.paramsJsonSchema as JsonSchema;
      expect(schema.type).toBe("object");
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        bounded(`${kind.name}.${name}`, property);
      }
    }
  });

  it("lists kinds with formats, availability and schemas", () => {
    const kinds = listKinds({});
    expect(kinds.map((k) => k.name)).toEqual(kindNames);
    const { description, paramsJsonSchema, ...summarize } = kinds.find(
      (k) => k.name === "summarize",
    )!;
    expect(summarize).toEqual({
      name: "summarize",
      title: "Summary",
      inputFormats: ["markdown", "html", "text"],
      outputFormat: "text",
      keepsInputFormat: false,
      upload: false,
      available: true,
    });
    expect(description).toMatch(/most informative sentences/);
    expect(paramsJsonSchema).toMatchObject({ type: "object" });
    expect(kinds.find((k) => k.name === "redact")).toMatchObject({ keepsInputFormat: true });
    // Parameters with defaults are optional in what a form submits.
    const thread = kinds.find((k) => k.name === "social-thread")!.paramsJsonSchema as {
      required?: string[];
    };
    expect(thread.required ?? []).toEqual([]);
  });
});
