import { z } from "zod";
import { docxImport } from "./kinds/docx-import";
import { htmlToMarkdown } from "./kinds/html-to-markdown";
import { keywordsKind } from "./kinds/keywords";
import { llmRewriteKind } from "./kinds/llm-rewrite";
import { markdownToHtml } from "./kinds/markdown-to-html";
import { outlineKind } from "./kinds/outline";
import { redactKind } from "./kinds/redact";
import { socialThreadKind } from "./kinds/social-thread";
import { statsKind } from "./kinds/stats";
import { summarizeKind } from "./kinds/summarize";
import { toPlainTextKind } from "./kinds/to-plain-text";
import type { DocumentFormat, LlmSettings, OutputFormat, TransformDefinition } from "./types";

/** Every transformation, by kind. Keys equal each definition's `name`. */
export const catalogue = Object.freeze({
  "markdown-to-html": markdownToHtml,
  "html-to-markdown": htmlToMarkdown,
  "to-plain-text": toPlainTextKind,
  "docx-import": docxImport,
  summarize: summarizeKind,
  keywords: keywordsKind,
  outline: outlineKind,
  stats: statsKind,
  "social-thread": socialThreadKind,
  redact: redactKind,
  "llm-rewrite": llmRewriteKind,
} satisfies Record<string, TransformDefinition>);

export type Catalogue = typeof catalogue;
export type KindName = keyof Catalogue;
export type ParamsOf<K extends KindName> = z.output<Catalogue[K]["params"]>;

export const kindNames = Object.keys(catalogue) as KindName[];

export function isKindName(name: string): name is KindName {
  return Object.hasOwn(catalogue, name);
}

export function getTransform(name: string): TransformDefinition | undefined {
  return isKindName(name) ? catalogue[name] : undefined;
}

export interface KindInfo {
  name: string;
  title: string;
  description: string;
  inputFormats: readonly DocumentFormat[];
  outputFormat: OutputFormat;
  keepsInputFormat: boolean;
  upload: boolean;
  /** JSON Schema of the parameters as a form submits them (fields with defaults optional). */
  paramsJsonSchema: Record<string, unknown>;
  available: boolean;
  reason?: string;
}

const jsonSchemas = new Map<string, Record<string, unknown>>();

function paramsJsonSchema(definition: TransformDefinition): Record<string, unknown> {
  let schema = jsonSchemas.get(definition.name);
  if (!schema) {
    schema = z.toJSONSchema(definition.params, { io: "input" });
    jsonSchemas.set(definition.name, schema);
  }
  return schema;
}

export function listKinds(settings: { llm?: LlmSettings }): KindInfo[] {
  return Object.values<TransformDefinition>(catalogue).map((definition) => {
    const availability = definition.availability?.(settings) ?? { available: true };
    return {
      name: definition.name,
      title: definition.title,
      description: definition.description,
      inputFormats: definition.inputFormats,
      outputFormat: definition.outputFormat,
      keepsInputFormat: definition.keepsInputFormat ?? false,
      upload: definition.upload ?? false,
      paramsJsonSchema: paramsJsonSchema(definition),
      ...availability,
    };
  });
}
