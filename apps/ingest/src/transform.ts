import {
  waitForTransformation,
  type RouterInputs,
  type Transformation,
  type TransformationKind,
  type TransmuteClient,
} from "@transmute/client";

export type DocumentInput = Pick<
  RouterInputs["document"]["create"],
  "title" | "format" | "content"
>;

/** The transformation ended without output: failed (with the reason) or canceled. */
export class TransformationFailed extends Error {
  constructor(readonly transformation: Transformation) {
    super(transformation.error ?? `The transformation was ${transformation.status}`);
  }
}

/**
 * The whole integration in three calls: store the document, start the transformation, wait for
 * its end (live events, with `transformation.get` as the fallback). Everything else in this app
 * is plumbing around it.
 */
export async function transformDocument(
  client: TransmuteClient,
  kind: string,
  input: DocumentInput,
  signal?: AbortSignal,
): Promise<Transformation & { output: string }> {
  const document = await client.document.create.mutate({ ...input, tags: ["ingest"] });
  const started = await client.transformation.create.mutate({
    documentId: document.id,
    // The kind comes from configuration; the server refuses one it does not know.
    steps: [{ kind: kind as TransformationKind }],
  });
  const done = await waitForTransformation(client, started.id, { signal });
  if (done.status !== "succeeded" || done.output === null) throw new TransformationFailed(done);
  return { ...done, output: done.output };
}
