import MarkdownIt from "markdown-it";
import { documents } from "./bench/documents";
const name = process.argv[2] as keyof typeof documents;
const md = new MarkdownIt({ maxNesting: 1000 });
for (const kb of [128, 256, 512, 1024]) {
  const src = documents[name](kb * 1024);
  const t = performance.now();
  const tokens = md.parse(src, {});
  console.log(name, kb, "KiB", Math.round(performance.now() - t), "ms", tokens.length, "tokens");
}
