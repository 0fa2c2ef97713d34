import type { DocumentFormat } from "../trpc";

/** The API's limits: a document holds 1 MiB of text, a Word file may be 3 MiB. */
export const MAX_CONTENT_BYTES = 1024 * 1024;
export const MAX_DOCX_BYTES = 3 * 1024 * 1024;

export const acceptedFiles = ".md,.markdown,.html,.htm,.txt,.text,.docx";

export type ImportedFile =
  | { type: "text"; title: string; format: DocumentFormat; content: string }
  | { type: "docx"; fileName: string; contentBase64: string };

export class ImportError extends Error {}

const extension = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";

/** What a file becomes, by its extension, else its media type; null for what cannot be imported. */
export function importTypeOf(file: { name: string; type: string }): DocumentFormat | "docx" | null {
  switch (extension(file.name)) {
    case "md":
    case "markdown":
      return "markdown";
    case "html":
    case "htm":
      return "html";
    case "txt":
    case "text":
      return "text";
    case "docx":
      return "docx";
  }
  if (file.type === "text/markdown") return "markdown";
  if (file.type === "text/html") return "html";
  if (file.type === "text/plain") return "text";
  return null;
}

/** "release-notes_v2.md" → "release notes v2". */
export function titleFromFileName(name: string): string {
  const base = name
    .replace(/\.[^.]*$/, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return base || "Imported document";
}

/** A Markdown file's first top-level heading, else a web page's <title> or first <h1>. */
export function titleFromContent(format: DocumentFormat, content: string): string | null {
  if (format === "markdown") return /^#[ \t]+(.+?)[ \t#]*$/m.exec(content)?.[1]?.trim() || null;
  if (format === "html") {
    const found = /<title[^>]*>([^<]+)<\/title>|<h1[^>]*>([^<]+)<\/h1>/i.exec(content);
    return (found?.[1] ?? found?.[2])?.trim() || null;
  }
  return null;
}

/** Base64 in chunks: one String.fromCharCode call per byte array overflows the stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Reads a picked or dropped file, or says in words why it cannot be imported. */
export async function readImport(file: File): Promise<ImportedFile> {
  const type = importTypeOf(file);
  if (type === null) {
    throw new ImportError(
      `“${file.name}” is not a file Transmute can import. Use a Markdown (.md), HTML (.html), text (.txt) or Word (.docx) file.`,
    );
  }
  if (type === "docx") {
    if (file.size > MAX_DOCX_BYTES) {
      throw new ImportError(
        `“${file.name}” is ${mebibytes(file.size)}; Word files can be at most 3 MiB. Remove large images from it, or save it as HTML.`,
      );
    }
    return {
      type: "docx",
      fileName: file.name,
      contentBase64: toBase64(new Uint8Array(await file.arrayBuffer())),
    };
  }
  if (file.size > MAX_CONTENT_BYTES) {
    throw new ImportError(
      `“${file.name}” is ${mebibytes(file.size)}; a document can hold at most 1 MiB of text. Split it into several documents.`,
    );
  }
  const content = await file.text();
  return {
    type: "text",
    format: type,
    content,
    title: titleFromContent(type, content) ?? titleFromFileName(file.name),
  };
}
