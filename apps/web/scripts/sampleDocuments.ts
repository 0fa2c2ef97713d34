// What the screenshots show: enough documents to fill a screen, the last one using every
// block a reading style has to handle (headings, lists, a table, code, a quote).
const topics = [
  ["Quarterly report: Zeppelin logistics", "markdown", ["finance", "q3"]],
  ["Onboarding checklist for new editors", "markdown", ["people"]],
  ["Release notes 2.4", "markdown", ["release"]],
  ["Press kit: company boilerplate", "text", ["press"]],
  ["Interview transcript — Grace Hopper", "text", ["interviews"]],
  ["Landing page copy (HTML)", "html", ["web", "urgent"]],
  ["Style guide: tone of voice", "markdown", ["style"]],
  ["Support macros", "text", ["support"]],
  ["Incident review: queue backlog", "markdown", ["ops", "urgent"]],
  ["Newsletter — November", "html", ["newsletter"]],
  ["Glossary", "markdown", ["style"]],
  ["Partner FAQ", "markdown", ["partners"]],
  ["Board memo draft", "text", ["finance"]],
  ["Product brief: pipelines", "markdown", ["product"]],
  ["Changelog archive", "markdown", ["release"]],
] as const;

const body = (title: string, format: string) =>
  format === "html"
    ? `<h1>${title}</h1><p>Transmute keeps every document in one place and turns it into what each channel needs.</p><ul><li>Fast</li><li>Typed</li></ul>`
    : format === "text"
      ? `Transmute keeps every document in one place and turns it into what each channel needs.\n`
      : `# ${title}\n\nTransmute keeps every document in one place and turns it into what each channel needs: summaries, threads, HTML and plain text.\n`;

const launchPost = `# Launch day

Transmute now turns documents into other documents. Every transformation runs as a **job** in
the background, and its progress shows live in the browser.

## What changed

- Pipelines chain several steps.
- Results can be saved as new documents.
  1. Pick a document
  2. Choose the steps

| Kind             | Input    | Output   |
| ---------------- | -------- | -------- |
| markdown-to-html | Markdown | HTML     |
| summarize        | any      | text     |
| social-thread    | any      | posts    |

> Good writing is rewriting; Transmute does the dull part.

\`\`\`ts
const result = await client.transformation.create.mutate({ documentId, steps });
\`\`\`

Inline \`code\`, a [link](https://example.com) and *emphasis*.
`;

export const sampleDocuments = [
  ...topics.map(([title, format, tags]) => ({
    title,
    format,
    tags: [...tags],
    content: body(title, format),
  })),
  { title: "Launch day", format: "markdown" as const, tags: ["blog"], content: launchPost },
];
