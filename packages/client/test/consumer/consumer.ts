// Type-checked against the installed tarball's declarations, as a TypeScript consumer would.
import {
  createTransmuteClient,
  waitForTransformation,
  type RouterInputs,
  type RouterOutputs,
} from "@transmute/client";

const client = createTransmuteClient({ url: "http://127.0.0.1:1", apiKey: "tm_live_example" });

export async function run(): Promise<string | null> {
  const document = await client.document.create.mutate({
    title: "Typed",
    format: "markdown",
    content: "# x",
  });
  const created: Date = document.createdAt;
  // @ts-expect-error: there is no such procedure
  await client.document.nope.query();
  // @ts-expect-error: the title is a string
  await client.document.create.mutate({ title: 1, format: "markdown", content: "" });
  const input: RouterInputs["transformation"]["create"] = {
    documentId: document.id,
    steps: [{ kind: "stats", params: {} }],
  };
  const transformation = await client.transformation.create.mutate(input);
  const done = await waitForTransformation(client, transformation.id, {
    onProgress: ({ progress }) => progress.toFixed(0),
  });
  const kinds: RouterOutputs["transformation"]["kinds"] = await client.transformation.kinds.query();
  return `${created.toISOString()} ${kinds.length} ${done.status satisfies "succeeded" | "failed" | "canceled" | "queued" | "running"} ${done.output}`;
}
