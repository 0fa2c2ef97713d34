import { marked } from "marked";
import { useMemo } from "react";
import { HtmlPreview } from "../transformations/HtmlPreview";
import type { DocumentFormat } from "../trpc";

/** Markdown as the reader will see it; the HTML runs in a sandboxed frame, never in this page. */
export const markdownToHtml = (markdown: string) =>
  marked.parse(markdown, { gfm: true, async: false });

/** A document's content rendered: Markdown and HTML in a sandboxed frame, text as it is. */
export function ContentPreview({
  format,
  content,
  title,
  fitContent = false,
}: {
  format: DocumentFormat;
  content: string;
  title: string;
  fitContent?: boolean;
}) {
  const html = useMemo(
    () => (format === "markdown" ? markdownToHtml(content) : format === "html" ? content : null),
    [format, content],
  );
  if (html === null) return <pre className="result-text document-text">{content}</pre>;
  return <HtmlPreview html={html} title={title} fitContent={fitContent} />;
}
