import { documentFormats, transformationStatuses } from "@transmute/db";
import { z } from "zod";

/*
 * What the REST surface answers, for its OpenAPI document. The tRPC procedures infer their
 * outputs from the code; these name the fields an integrator relies on (loose objects: a field
 * added later is passed through, not refused). Dates travel as ISO 8601 strings.
 */

const timestamp = z.date().meta({ description: "ISO 8601 date and time" });
const uuid = z.uuid();

export const transformationSummary = z
  .looseObject({
    id: uuid,
    kind: z.string(),
    status: z.enum(transformationStatuses),
    progress: z.int().min(0).max(100),
    outputFormat: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    finishedAt: timestamp.nullable(),
  })
  .meta({ id: "TransformationSummary" });

const documentFields = {
  id: uuid,
  workspaceId: uuid,
  createdBy: uuid.nullable(),
  title: z.string(),
  format: z.enum(documentFormats),
  tags: z.array(z.string()),
  size: z.int().meta({ description: "UTF-8 bytes of the content" }),
  contentHash: z.string().meta({ description: "SHA-256 of the content, hex" }),
  version: z.int().meta({ description: "Send it back with an update (optimistic concurrency)" }),
  createdAt: timestamp,
  updatedAt: timestamp,
};

export const document = z
  .looseObject({ ...documentFields, content: z.string() })
  .meta({ id: "Document" });

export const documentWithTransformations = z
  .looseObject({
    ...documentFields,
    content: z.string(),
    transformations: z.array(transformationSummary),
  })
  .meta({ id: "DocumentWithTransformations" });

export const documentPage = z
  .object({
    items: z.array(
      z.looseObject({
        ...documentFields,
        excerpt: z.string(),
        transformations: z.array(transformationSummary),
      }),
    ),
    nextCursor: uuid.nullable(),
  })
  .meta({ id: "DocumentPage" });

export const transformation = z
  .looseObject({
    id: uuid,
    documentId: uuid,
    kind: z.string().meta({ description: "The kind, or `pipeline`" }),
    params: z.record(z.string(), z.unknown()),
    status: z.enum(transformationStatuses),
    progress: z.int().min(0).max(100),
    outputFormat: z.string().nullable(),
    error: z.string().nullable(),
    attempts: z.int(),
    createdAt: timestamp,
    updatedAt: timestamp,
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
  })
  .meta({ id: "Transformation" });

export const transformationWithOutput = transformation
  .extend({
    output: z.string().nullable(),
    outputMeta: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "TransformationWithOutput" });

export const transformationPage = z
  .object({
    items: z.array(transformation.extend({ documentTitle: z.string() })),
    nextCursor: uuid.nullable(),
  })
  .meta({ id: "TransformationPage" });

export const kinds = z.array(
  z
    .looseObject({
      name: z.string(),
      title: z.string(),
      description: z.string(),
      inputFormats: z.array(z.enum(documentFormats)),
      outputFormat: z.string(),
      paramsJsonSchema: z.record(z.string(), z.unknown()),
      available: z.boolean(),
      reason: z.string().optional(),
    })
    .meta({ id: "Kind" }),
);

export const output = z
  .object({
    filename: z.string(),
    mediaType: z.string(),
    format: z.string(),
    content: z.string(),
  })
  .meta({ id: "TransformationOutput" });

export const workspace = z
  .looseObject({
    id: uuid,
    name: z.string(),
    role: z.string().nullable().meta({ description: "The caller's role; null for an API key" }),
  })
  .meta({ id: "Workspace" });

export const deleted = z.object({ id: uuid });

export const imported = z.object({ document, warnings: z.array(z.string()) });
