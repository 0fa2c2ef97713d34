import { Link } from "wouter";
import { tagPath } from "./documentPaths";

/** A document's tags, each a link to the documents list filtered by it. */
export function TagLinks({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          <Link href={tagPath(tag)} aria-label={`Show documents tagged ${tag}`}>
            {tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}
