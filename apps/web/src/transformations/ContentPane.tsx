import { useState } from "react";
import { markdownToHtml } from "../documents/ContentPreview";
import { HtmlPreview } from "./HtmlPreview";
import { StructuredResult } from "./StructuredResult";

/** Formats that read differently rendered than as source. */
const renderable = (format: string) => format === "markdown" || format === "html";

/**
 * One side of a comparison: Markdown and HTML rendered (the frame grows to its content, so
 * nothing is cut off), with a toggle to their source; text and JSON as they are.
 */
export function ContentPane({
  format,
  content,
  title,
}: {
  format: string;
  content: string;
  title: string;
}) {
  const [source, setSource] = useState(false);
  if (format === "json") return <StructuredResult content={content} />;
  if (!renderable(format)) return <pre className="result-text full">{content}</pre>;
  return (
    <>
      <div role="group" aria-label={`Show ${title} as`} className="segmented pane-toggle">
        <button type="button" aria-pressed={!source} onClick={() => setSource(false)}>
          Rendered
        </button>
        <button type="button" aria-pressed={source} onClick={() => setSource(true)}>
          Source
        </button>
      </div>
      {source ? (
        <pre className="result-text full">{content}</pre>
      ) : (
        <HtmlPreview
          html={format === "markdown" ? markdownToHtml(content) : content}
          title={`${title}, rendered`}
          fitContent
        />
      )}
    </>
  );
}

/** What a reader sees of a document: its rendered text, for comparing across formats. */
export function renderedText(format: string, content: string): string {
  if (!renderable(format)) return content;
  const html = format === "markdown" ? markdownToHtml(content) : content;
  // A parsed document that is never displayed: its scripts do not run, its images do not load.
  const parsed = new DOMParser().parseFromString(html, "text/html");
  for (const block of parsed.body.querySelectorAll(
    "p, li, h1, h2, h3, h4, h5, h6, tr, pre, blockquote, br",
  )) {
    block.append("\n");
  }
  return (parsed.body.textContent ?? "")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}
