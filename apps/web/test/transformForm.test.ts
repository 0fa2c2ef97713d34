import { describe, expect, it } from "vitest";
import {
  initialValues,
  paramFields,
  splitList,
  toParams,
} from "../src/transformations/paramFields";
import {
  kindsOfRow,
  newStep,
  stepInputs,
  whyNot,
  type Catalogue,
} from "../src/transformations/pipeline";
import { isFacts, isKeywords, isOutline, isThread } from "../src/transformations/resultShapes";
import type { TransformationKind } from "../src/trpc";

// As the catalogue publishes them (zod 4, `io: "input"`: fields with defaults are optional).
const socialThread = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    platform: {
      default: "x",
      description: "Platform whose post length applies",
      type: "string",
      enum: ["x", "linkedin", "mastodon", "bluesky"],
    },
    maxLength: {
      description: "Characters per post, instead of the platform's limit",
      type: "integer",
      minimum: 20,
      maximum: 10000,
    },
    numbering: { default: true, description: "Add a counter", type: "boolean" },
  },
};

const redact = {
  type: "object",
  properties: {
    detect: {
      default: ["email", "phone"],
      maxItems: 3,
      type: "array",
      items: { type: "string", enum: ["email", "phone", "card"] },
    },
    terms: {
      default: [],
      maxItems: 50,
      type: "array",
      items: { type: "string", minLength: 1, maxLength: 100 },
    },
    phoneCountry: { default: "US", type: "string", pattern: "^[A-Z]{2}$" },
    nested: { type: "object", properties: {} },
  },
};

const kind = (overrides: Partial<TransformationKind>): TransformationKind => ({
  name: "stats",
  title: "Statistics",
  description: "",
  inputFormats: ["markdown", "html", "text"],
  outputFormat: "json",
  keepsInputFormat: false,
  upload: false,
  paramsJsonSchema: { type: "object", properties: {} },
  available: true,
  ...overrides,
});

describe("parameter forms from JSON Schema", () => {
  it("reads each field's control, bounds, default and help text", () => {
    expect(paramFields(socialThread)).toEqual([
      {
        name: "platform",
        label: "Platform",
        description: "Platform whose post length applies",
        required: false,
        type: "choice",
        options: ["x", "linkedin", "mastodon", "bluesky"],
        default: "x",
      },
      {
        name: "maxLength",
        label: "Max length",
        description: "Characters per post, instead of the platform's limit",
        required: false,
        type: "number",
        integer: true,
        default: undefined,
        minimum: 20,
        maximum: 10000,
      },
      {
        name: "numbering",
        label: "Numbering",
        description: "Add a counter",
        required: false,
        type: "boolean",
        default: true,
      },
    ]);
  });

  it("offers arrays of choices as checkboxes and arrays of strings as a list, and skips the rest", () => {
    const fields = paramFields(redact);
    expect(fields.map((field) => [field.name, field.type])).toEqual([
      ["detect", "choices"],
      ["terms", "list"],
      ["phoneCountry", "text"],
    ]);
    expect(fields[2]).toMatchObject({ label: "Phone country", pattern: "^[A-Z]{2}$" });
    expect(paramFields(undefined)).toEqual([]);
    expect(paramFields({ type: "object" })).toEqual([]);
  });

  it("gives a text field with several patterns one that needs them all, as the browser reads it", () => {
    const [field] = paramFields({
      type: "object",
      properties: {
        targetLanguage: {
          type: "string",
          maxLength: 35,
          allOf: [
            { pattern: "^[^\\u0000\\uD800-\\uDFFF]*$" },
            { pattern: "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$" },
          ],
        },
      },
    });
    // A browser compiles `pattern` as ^(?:pattern)$ with the v flag.
    const accepts = (value: string) =>
      new RegExp(`^(?:${field?.type === "text" ? field.pattern : ""})$`, "v").test(value);
    expect(accepts("pt-BR")).toBe(true);
    expect(accepts("pt_BR")).toBe(false);
    expect(accepts("pt\u0000")).toBe(false);
  });

  it("prefills defaults and leaves fields without one empty", () => {
    expect(initialValues(paramFields(socialThread))).toEqual({
      platform: "x",
      maxLength: "",
      numbering: true,
    });
    expect(initialValues(paramFields(redact))).toEqual({
      detect: ["email", "phone"],
      terms: "",
      phoneCountry: "US",
    });
  });

  it("sends typed params and leaves out empty inputs, so the kind's own default applies", () => {
    const thread = paramFields(socialThread);
    expect(toParams(thread, { platform: "mastodon", maxLength: "60", numbering: false })).toEqual({
      platform: "mastodon",
      maxLength: 60,
      numbering: false,
    });
    expect(toParams(thread, { platform: "", maxLength: " ", numbering: true })).toEqual({
      numbering: true,
    });
    expect(
      toParams(paramFields(redact), {
        detect: ["card"],
        terms: "Ada Lovelace, Project X\n\n  Babbage ",
        phoneCountry: "GB",
      }),
    ).toEqual({
      detect: ["card"],
      terms: ["Ada Lovelace", "Project X", "Babbage"],
      phoneCountry: "GB",
    });
    expect(splitList(" , \n")).toEqual([]);
  });
});

describe("pipelines", () => {
  const toHtml = kind({
    name: "markdown-to-html",
    title: "Markdown to HTML",
    inputFormats: ["markdown"],
    outputFormat: "html",
  });
  const redactKind = kind({ name: "redact", outputFormat: "text", keepsInputFormat: true });
  const stats = kind({});
  const llm = kind({ name: "llm-rewrite", available: false, reason: "LLM is not configured" });
  const catalogue: Catalogue = new Map([toHtml, redactKind, stats, llm].map((k) => [k.name, k]));

  it("feeds each step the output of the one before; a kind that keeps its input passes it on", () => {
    const steps = [newStep(redactKind), newStep(toHtml), newStep(redactKind), newStep(stats)];
    expect(stepInputs(steps, "markdown", catalogue)).toEqual([
      "markdown",
      "markdown",
      "html",
      "html",
    ]);
  });

  it("says why a kind cannot run on an input", () => {
    expect(whyNot(toHtml, "markdown")).toBeNull();
    expect(whyNot(toHtml, "html")).toBe("needs markdown input");
    expect(whyNot(stats, "json")).toBe("structured results cannot be transformed further");
    expect(whyNot(llm, "text")).toBe("LLM is not configured");
    expect(whyNot(kind({ inputFormats: ["markdown", "html", "text"] }), "json")).not.toBeNull();
    expect(whyNot(kind({ inputFormats: ["markdown", "html"] }), "text")).toBe(
      "needs markdown or html input",
    );
  });

  it("starts a step with its kind's defaults", () => {
    const step = newStep(kind({ name: "social-thread", paramsJsonSchema: socialThread }));
    expect(step).toMatchObject({
      kind: "social-thread",
      values: { platform: "x", maxLength: "", numbering: true },
    });
    expect(newStep(undefined)).toMatchObject({ kind: "", values: {} });
  });

  it("lists the kinds a stored transformation ran", () => {
    expect(kindsOfRow({ kind: "stats", params: {} })).toEqual(["stats"]);
    expect(
      kindsOfRow({
        kind: "pipeline",
        params: { steps: [{ kind: "markdown-to-html", params: {} }, { kind: "stats" }] },
      }),
    ).toEqual(["markdown-to-html", "stats"]);
  });
});

describe("structured results", () => {
  it("recognises each kind's shape, and nothing else", () => {
    expect(isThread({ posts: ["a 1/2", "b 2/2"] })).toBe(true);
    expect(isThread({ posts: [1] })).toBe(false);
    expect(
      isKeywords({
        keywords: [{ term: "job", score: 1 }],
        keyphrases: [{ phrase: "live progress", score: 0.5, occurrences: 2 }],
      }),
    ).toBe(true);
    expect(
      isOutline({
        outline: [
          {
            depth: 1,
            text: "A",
            slug: "a",
            children: [{ depth: 2, text: "B", slug: "b", children: [] }],
          },
        ],
        markdown: "- [A](#a)\n",
      }),
    ).toBe(true);
    expect(isOutline({ outline: [{ depth: 1, text: "A" }], markdown: "" })).toBe(false);
    expect(isFacts({ words: 12, language: "eng", fleschReadingEase: null })).toBe(true);
    expect(isFacts({ counts: { email: 1 }, total: 1 })).toBe(true);
    expect(isFacts({ list: [1, 2] })).toBe(false);
    expect(isFacts([1])).toBe(false);
  });
});
