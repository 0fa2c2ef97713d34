import { toString } from "hast-util-to-string";
import { SKIP, visit } from "unist-util-visit";
import { z } from "zod";
import { lazy } from "../lazy";
import { parseHtml, sanitizeHtmlTree, serializeHtml } from "../text/html";
import { graphemes } from "../text/segment";
import { TransformError, type TransformDefinition } from "../types";
import { checkDocxArchive } from "./docx-archive";
import { hastToMarkdown } from "./html-to-markdown";

export interface DocxImportOptions {
  /** The uploaded file's name, used as the title when the document has no heading. */
  fileName?: string;
  signal?: AbortSignal;
}

export interface DocxImportResult {
  title: string;
  /** Sanitized HTML fragment. */
  html: string;
  markdown: string;
  /** Things mammoth could not map (unknown styles, images left out), for the user to review. */
  warnings: string[];
}

const maxTitleLength = 200;

const loadMammoth = lazy(async () => (await import("mammoth")).default);

/**
 * A .docx file to sanitized HTML and Markdown. This is the kind's real entry point: the API
 * calls it on upload, because a pipeline step receives text and a .docx is a zip archive.
 */
export async function importDocx(
  buffer: Uint8Array,
  options: DocxImportOptions = {},
): Promise<DocxImportResult> {
  options.signal?.throwIfAborted();
  if (buffer.byteLength === 0) throw new TransformError("The uploaded file is empty", false);

  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  await checkDocxArchive(bytes);
  options.signal?.throwIfAborted();

  const mammoth = await loadMammoth();
  let skippedImages = 0;
  let converted: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    converted = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        // Documents store text; embedding every picture as a data: URI would bloat them, and the
        // sanitizer refuses data: URIs anyway.
        convertImage: mammoth.images.imgElement(() => {
          skippedImages++;
          return Promise.resolve({ src: "" });
        }),
        // A .docx can link to files on the server's disk; never follow those links.
        externalFileAccess: false,
      },
    );
  } catch (error) {
    throw new TransformError(
      "The file could not be read as a Word document (.docx); older .doc files are not supported",
      false,
      { cause: error },
    );
  }
  options.signal?.throwIfAborted();

  const tree = parseHtml(converted.value);
  visit(tree, "element", (node, index, parent) => {
    if (node.tagName === "img" && !node.properties.src && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    return undefined;
  });
  const safe = sanitizeHtmlTree(tree);

  const warnings = converted.messages.map((m) => m.message);
  if (skippedImages > 0) {
    warnings.push(`${skippedImages} image(s) left out: documents keep text only`);
  }

  return {
    title: titleOf(safe, options.fileName),
    html: serializeHtml(safe),
    markdown: hastToMarkdown(safe),
    warnings,
  };
}

/** The first heading, else the file's name, else the first paragraph. */
function titleOf(tree: ReturnType<typeof parseHtml>, fileName: string | undefined): string {
  let heading: string | undefined;
  let paragraph: string | undefined;
  visit(tree, "element", (node) => {
    const text = toString(node).replace(/\s+/g, " ").trim();
    if (!text) return undefined;
    if (!heading && /^h[1-6]$/.test(node.tagName)) heading = text;
    if (!paragraph && node.tagName === "p") paragraph = text;
    return heading ? false : undefined;
  });
  const fromFile = fileName?.replace(/\.docx$/i, "").trim();
  const title = heading ?? (fromFile || paragraph) ?? "Untitled document";
  const clusters = graphemes(title);
  return clusters.length > maxTitleLength
    ? `${clusters.slice(0, maxTitleLength - 1).join("")}…`
    : title;
}

const params = z.strictObject({});

export const docxImport: TransformDefinition<typeof params> = {
  name: "docx-import",
  title: "Import Word document",
  description:
    "Turns an uploaded .docx file into a sanitized HTML or Markdown document: headings, lists, " +
    "tables, links and emphasis are kept; images are left out.",
  inputFormats: [],
  outputFormat: "html",
  upload: true,
  params,
  run() {
    return Promise.reject(
      new TransformError("Word documents are imported on upload, not run on a document", false),
    );
  },
};
