import type { AppRouter as ServerRouter } from "@transmute/api";
import type {
  AnyRouter,
  inferRouterInputs,
  inferRouterOutputs,
  TRPCBuiltRouter,
} from "@trpc/server";
// The subscription's event type is named TrackedData, which only this subpath exports; without
// this import the published declarations could not name it.
import type {} from "@trpc/server/unstable-core-do-not-import";

/*
 * The server's router as a client sees it: every procedure's input and output, the error shape
 * and the transformer, but not the server's context (database, queue, settings). Published
 * declarations inline this type, and with the context they would drag in the database schema and
 * import drizzle-orm, pg-boss and PGlite, which a consumer of the client does not have.
 *
 * Declaration emit prints an inferred type in full but keeps a type alias by name, so the type
 * comes from the return type of a declared function applied to the router, never called.
 */
declare function clientView<R extends AnyRouter>(
  router: R,
): TRPCBuiltRouter<
  {
    ctx: object;
    meta: R["_def"]["_config"]["$types"]["meta"];
    errorShape: R["_def"]["_config"]["$types"]["errorShape"];
    transformer: R["_def"]["_config"]["$types"]["transformer"];
  },
  R["_def"]["record"]
>;
declare const serverRouter: ServerRouter;
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only its type is wanted
const view = () => clientView(serverRouter);

export type AppRouter = ReturnType<typeof view>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** One step of a transformation: a kind and that kind's own parameters. */
export type TransformationStep = RouterInputs["transformation"]["create"]["steps"][number];
export type TransformationKind = TransformationStep["kind"];
