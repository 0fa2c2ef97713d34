import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
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

/**
 * The files a push names: each file as given, and in each folder (and its subfolders) every
 * file whose extension tells its format, in name order.
 */
export async function filesToPush(targets: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const target of targets) {
    const info = await stat(target).catch(() => {
      throw new CliError(`Cannot read ${target}: no such file or folder`);
    });
    if (!info.isDirectory()) {
      files.push(target);
      continue;
    }
    const entries = await readdir(target, { recursive: true, withFileTypes: true });
    files.push(
      ...entries
        .filter((entry) => entry.isFile() && byExtension[extname(entry.name).toLowerCase()])
        .map((entry) => join(entry.parentPath, entry.name))
        .sort(),
    );
  }
  return files;
}
