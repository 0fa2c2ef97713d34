import type { Outline, OutlineNode } from "./resultShapes";

function Headings({ nodes, label }: { nodes: OutlineNode[]; label?: string }) {
  return (
    <ul aria-label={label}>
      {nodes.map((node) => (
        <li key={node.slug}>
          {node.text} <code>#{node.slug}</code>
          {node.children.length > 0 && <Headings nodes={node.children} />}
        </li>
      ))}
    </ul>
  );
}

export function OutlineTree({ result }: { result: Outline }) {
  if (result.outline.length === 0) return <p className="empty">The document has no headings.</p>;
  return (
    <>
      <Headings nodes={result.outline} label="Outline" />
      <h5>Table of contents (Markdown)</h5>
      <pre className="result-text">{result.markdown}</pre>
    </>
  );
}
