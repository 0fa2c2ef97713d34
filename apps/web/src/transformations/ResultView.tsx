import { HtmlPreview } from "./HtmlPreview";
import { StructuredResult } from "./StructuredResult";

export function ResultView({ format, content }: { format: string; content: string }) {
  switch (format) {
    case "html":
      return <HtmlPreview html={content} title="Rendered result" />;
    case "json":
      return <StructuredResult content={content} />;
    default:
      return <pre className="result-text">{content}</pre>;
  }
}
