import type { DocumentFormat } from "../trpc";

// A record, so a format added to the API fails type-checking here until it gets a label.
export const formatLabels: Record<DocumentFormat, string> = {
  markdown: "Markdown",
  html: "HTML",
  text: "Plain text",
};

export const documentFormats = Object.keys(formatLabels) as DocumentFormat[];

export const isFormat = (value: string): value is DocumentFormat =>
  Object.hasOwn(formatLabels, value);
