import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { RouterInputs, TransmuteClient } from "@transmute/client";
import { CliError, usageError } from "./errors";

export type DocumentFormat = RouterInputs["document"]["create"]["format"];
export const documentFormats: readonly DocumentFormat[] = ["markdown", "html", "text"];

const byExtension: Record<string, DocumentFormat> = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
  ".txt": "text",
};

export interface PushOptions {
  title?: string;
  format?: string;
  tag?: string[];
}

/** Stores a local file as a document: format from --format or the extension, title from --title or the name. */
export async function pushFile(client: TransmuteClient, file: string, options: PushOptions) {
  const format = options.format ?? byExtension[extname(file).toLowerCase()];
  if (!format || !documentFormats.includes(format as DocumentFormat)) {
    throw usageError(
      options.format
        ? `Unknown format "${options.format}": use ${documentFormats.join(", ")}`
        : `Cannot tell the format of ${file} from its extension: pass --format ${documentFormats.join("|")}`,
    );
  }
  const content = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new CliError(
      `Cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`,
    );
  });
  return client.document.create.mutate({
    title: options.title ?? basename(file, extname(file)),
    format: format as DocumentFormat,
    content,
    tags: options.tag ?? [],
  });
}
