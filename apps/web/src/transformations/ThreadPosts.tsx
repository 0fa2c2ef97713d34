import type { Thread } from "./resultShapes";

const segmenter = new Intl.Segmenter();
// Characters as the platforms count them: an emoji or an accented letter is one.
const characters = (text: string) => [...segmenter.segment(text)].length;

export function ThreadPosts({ thread }: { thread: Thread }) {
  return (
    <ol className="thread" aria-label="Posts">
      {thread.posts.map((post, index) => (
        <li key={index} className="post">
          <p className="post-meta">
            Post {index + 1} of {thread.posts.length} · {characters(post)} characters
          </p>
          <p className="post-text">{post}</p>
        </li>
      ))}
    </ol>
  );
}
