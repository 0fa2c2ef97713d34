import { FactsTable } from "./FactsTable";
import { KeywordTables } from "./KeywordTables";
import { OutlineTree } from "./OutlineTree";
import { isFacts, isKeywords, isOutline, isThread } from "./resultShapes";
import { ThreadPosts } from "./ThreadPosts";

function parse(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
}

/** A JSON result, rendered for reading when its shape is known, else pretty-printed. */
export function StructuredResult({ content }: { content: string }) {
  const data = parse(content);
  if (isThread(data)) return <ThreadPosts thread={data} />;
  if (isKeywords(data)) return <KeywordTables result={data} />;
  if (isOutline(data)) return <OutlineTree result={data} />;
  if (isFacts(data)) return <FactsTable caption="Result" facts={data} />;
  return (
    <pre className="result-text">
      {data === undefined ? content : JSON.stringify(data, null, 2)}
    </pre>
  );
}
