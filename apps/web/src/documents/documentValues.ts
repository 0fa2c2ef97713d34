import type { DocumentDetail, DocumentFormat } from "../trpc";

/** The editor's fields as typed: tags are one comma-separated text until saved. */
export interface DocumentValues {
  title: string;
  format: DocumentFormat;
  content: string;
  tags: string;
}

export const emptyValues: DocumentValues = { title: "", format: "markdown", content: "", tags: "" };

export const valuesOf = (document: DocumentDetail): DocumentValues => ({
  title: document.title,
  format: document.format,
  content: document.content,
  tags: document.tags.join(", "),
});

export const splitTags = (text: string) => [
  ...new Set(
    text
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
  ),
];

/** What the API takes. */
export const toInput = (values: DocumentValues) => ({
  title: values.title,
  format: values.format,
  content: values.content,
  tags: splitTags(values.tags),
});

/** Unsaved: anything that would change the saved document (tag spacing does not). */
export const differ = (a: DocumentValues, b: DocumentValues) =>
  a.title !== b.title ||
  a.format !== b.format ||
  a.content !== b.content ||
  splitTags(a.tags).join("\n") !== splitTags(b.tags).join("\n");
