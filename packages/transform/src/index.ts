export * from "./types";
export * from "./catalogue";
export * from "./pipeline";
// For the API: HTML documents are stored sanitized, and searched as text.
export { sanitizeHtml } from "./text/html";
export { toPlainText } from "./text/plain-text";
export { importDocx, type DocxImportOptions, type DocxImportResult } from "./kinds/docx-import";
export type { KeywordsResult } from "./kinds/keywords";
export { llmNotConfigured } from "./kinds/llm-rewrite";
export type { OutlineNode, OutlineResult } from "./kinds/outline";
export type { RedactionCounts } from "./kinds/redact";
export { platformLimits, type ThreadResult } from "./kinds/social-thread";
export type { DocumentStats } from "./kinds/stats";
// The one string type of every input, here because the catalogue's parameters need it too.
export { boundedText, storable, storableText } from "./input-text";
export * from "./steps";
