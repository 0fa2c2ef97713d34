import type { DocumentInput } from "./transform";

type Format = DocumentInput["format"];

const byExtension: Record<string, Format> = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
  ".txt": "text",
};

const byMediaType: Record<string, Format> = {
  "text/markdown": "markdown",
  "text/html": "html",
  "text/plain": "text",
};

/** The document format of a file name, or undefined for a file this service leaves alone. */
export function formatOfFile(name: string): Format | undefined {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? byExtension[name.slice(dot).toLowerCase()] : undefined;
}

/** The document format of a Content-Type header (parameters such as charset ignored). */
export function formatOfMediaType(header: string | undefined): Format | undefined {
  return header ? byMediaType[header.split(";")[0]!.trim().toLowerCase()] : undefined;
}

/** A media type for a transformation's output format (`markdown`, `html`, `text`, `json`). */
export function mediaTypeOf(outputFormat: string | null): string {
  switch (outputFormat) {
    case "markdown":
      return "text/markdown; charset=utf-8";
    case "html":
      return "text/html; charset=utf-8";
    case "json":
      return "application/json";
    default:
      return "text/plain; charset=utf-8";
  }
}
