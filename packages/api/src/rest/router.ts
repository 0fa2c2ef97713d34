import { initTRPC } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { z } from "zod";
import type { Context } from "../context";
import type { RouterInputs } from "../index";
import { appRouter, createCaller } from "../root";
import { errorFormatter } from "../trpc";
import * as out from "./schemas";

/*
 * Plain JSON over HTTP for every procedure an API key may call, for callers in any language.
 * Each route calls its tRPC procedure, so auth, scopes, tenant isolation, validation and error
 * codes are the procedure's own; its input schema is the procedure's own zod schema, and
 * trpc-to-openapi turns both into the OpenAPI document. No transformer: dates are ISO strings.
 */
const t = initTRPC.context<Context>().meta<OpenApiMeta>().create({ isDev: false, errorFormatter });

type Path = {
  [R in Extract<keyof RouterInputs, string>]: `${R}.${Extract<keyof RouterInputs[R], string>}`;
}[Extract<keyof RouterInputs, string>];

/** The zod schema a procedure validates its input with, if it takes one. */
function inputOf(path: Path): z.ZodType | undefined {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { inputs: z.ZodType[] } } | undefined
  >;
  const procedure = procedures[path];
  if (!procedure) throw new Error(`No procedure ${path}`);
  return procedure._def.inputs[0];
}

const caller = (ctx: Context) => createCaller(ctx);
type Caller = ReturnType<typeof caller>;
type Meta = NonNullable<OpenApiMeta["openapi"]>;
const bearer = { protect: true } as const;

function route(
  path: Path,
  openapi: Omit<Meta, "protect">,
  output: z.ZodType,
  call: (api: Caller, input: never) => Promise<unknown>,
) {
  const base = t.procedure.meta({ openapi: { ...bearer, ...openapi } }).output(output);
  const input = inputOf(path);
  const handler = ({ ctx, input }: { ctx: Context; input: unknown }) =>
    call(caller(ctx), input as never);
  const withInput = input ? base.input(input) : base;
  return openapi.method === "GET" ? withInput.query(handler) : withInput.mutation(handler);
}

type In<R extends keyof RouterInputs, P extends keyof RouterInputs[R]> = RouterInputs[R][P];

export const restRouter = t.router({
  workspace: route(
    "workspace.current",
    { method: "GET", path: "/workspace", tags: ["workspace"], summary: "The key's workspace" },
    out.workspace,
    (api) => api.workspace.current(),
  ),
  listDocuments: route(
    "document.list",
    { method: "GET", path: "/documents", tags: ["documents"], summary: "List documents" },
    out.documentPage,
    (api, input: In<"document", "list">) => api.document.list(input),
  ),
  createDocument: route(
    "document.create",
    { method: "POST", path: "/documents", tags: ["documents"], summary: "Create a document" },
    out.document,
    (api, input: In<"document", "create">) => api.document.create(input),
  ),
  importDocx: route(
    "document.importDocx",
    {
      method: "POST",
      path: "/documents/import-docx",
      tags: ["documents"],
      summary: "Import a Word file (base64)",
    },
    out.imported,
    (api, input: In<"document", "importDocx">) => api.document.importDocx(input),
  ),
  getDocument: route(
    "document.get",
    { method: "GET", path: "/documents/{id}", tags: ["documents"], summary: "Get a document" },
    out.documentWithTransformations,
    (api, input: In<"document", "get">) => api.document.get(input),
  ),
  updateDocument: route(
    "document.update",
    {
      method: "PATCH",
      path: "/documents/{id}",
      tags: ["documents"],
      summary: "Update a document (send the version you read)",
    },
    out.document,
    (api, input: In<"document", "update">) => api.document.update(input),
  ),
  deleteDocument: route(
    "document.delete",
    { method: "DELETE", path: "/documents/{id}", tags: ["documents"], summary: "Delete" },
    out.deleted,
    (api, input: In<"document", "delete">) => api.document.delete(input),
  ),
  kinds: route(
    "transformation.kinds",
    { method: "GET", path: "/kinds", tags: ["transformations"], summary: "The catalogue" },
    out.kinds,
    (api) => api.transformation.kinds(),
  ),
  listTransformations: route(
    "transformation.list",
    {
      method: "GET",
      path: "/transformations",
      tags: ["transformations"],
      summary: "List transformations, newest first",
    },
    out.transformationPage,
    (api, input: In<"transformation", "list">) => api.transformation.list(input),
  ),
  createTransformation: route(
    "transformation.create",
    {
      method: "POST",
      path: "/documents/{documentId}/transformations",
      tags: ["transformations"],
      summary: "Start a transformation (one step or a pipeline)",
    },
    out.transformation,
    (api, input: In<"transformation", "create">) => api.transformation.create(input),
  ),
  getTransformation: route(
    "transformation.get",
    {
      method: "GET",
      path: "/transformations/{id}",
      tags: ["transformations"],
      summary: "Get a transformation, output included",
    },
    out.transformationWithOutput,
    (api, input: In<"transformation", "get">) => api.transformation.get(input),
  ),
  output: route(
    "transformation.output",
    {
      method: "GET",
      path: "/transformations/{id}/output",
      tags: ["transformations"],
      summary: "The result as a file: name, media type, content",
    },
    out.output,
    (api, input: In<"transformation", "output">) => api.transformation.output(input),
  ),
  cancel: route(
    "transformation.cancel",
    {
      method: "POST",
      path: "/transformations/{id}/cancel",
      tags: ["transformations"],
      summary: "Cancel a queued or running transformation",
    },
    out.transformation,
    (api, input: In<"transformation", "cancel">) => api.transformation.cancel(input),
  ),
  retry: route(
    "transformation.retry",
    {
      method: "POST",
      path: "/transformations/{id}/retry",
      tags: ["transformations"],
      summary: "Run a failed or canceled transformation again",
    },
    out.transformation,
    (api, input: In<"transformation", "retry">) => api.transformation.retry(input),
  ),
  saveAsDocument: route(
    "transformation.saveAsDocument",
    {
      method: "POST",
      path: "/transformations/{id}/documents",
      tags: ["transformations"],
      summary: "Keep a result as a document of its own",
    },
    out.document,
    (api, input: In<"transformation", "saveAsDocument">) =>
      api.transformation.saveAsDocument(input),
  ),
});

export type RestRouter = typeof restRouter;
