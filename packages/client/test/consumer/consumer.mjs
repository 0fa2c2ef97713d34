// Another service's code: plain JavaScript importing the installed tarball, nothing from the workspace.
import { createTransmuteClient, waitForTransformation } from "@transmute/client";

const url = process.env.TRANSMUTE_URL;
const { tokens } = await createTransmuteClient({ url }).auth.register.mutate({
  email: process.env.CONSUMER_EMAIL,
  password: "long enough password",
  name: "Consumer",
});
const client = createTransmuteClient({ url, apiKey: tokens.accessToken });

const document = await client.document.create.mutate({
  title: "From a tarball",
  format: "markdown",
  content: "# Packed\n\nInstalled with npm.",
});
const created = await client.transformation.create.mutate({
  documentId: document.id,
  steps: [{ kind: "markdown-to-html", params: {} }],
});
const updates = [];
const done = await waitForTransformation(client, created.id, {
  onProgress: (update) => updates.push(update.status),
});
console.log(JSON.stringify({ status: done.status, output: done.output, updates }));
