// The inputs the benchmark feeds every kind: a realistic document and adversarial ones, each
// built to a requested size so that running two sizes shows how time grows with the input.
import { readFileSync } from "node:fs";

/** Repeats `unit(i)` until the text reaches `bytes`. */
function fill(bytes: number, unit: (i: number) => string, separator = ""): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = unit(i);
    parts.push(part);
    size += Buffer.byteLength(part) + separator.length;
  }
  return parts.join(separator);
}

const article = readFileSync(new URL("../test/fixtures/article.md", import.meta.url), "utf8");

const words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do".split(" ");
const word = (i: number) => words[i % words.length] as string;

export const documents = {
  /** The test article (prose, tables, task lists, footnotes, code) with numbered copies. */
  article: (bytes: number) =>
    fill(
      bytes,
      (i) => article.replace(/^(#+) /gm, `$1 ${i + 1}. `).replace(/\[\^(\w+)\]/g, `[^$1-${i + 1}]`),
      "\n\n",
    ),
  /** Lists nested 60 deep by indentation, over and over. */
  "nested lists": (bytes: number) =>
    fill(bytes, (i) => `${"  ".repeat(i % 60)}- ${word(i)} ${i}\n`),
  /** Block quotes nested up to 200 deep, each line opening all of them again. */
  "nested quotes": (bytes: number) => fill(bytes, (i) => `${"> ".repeat(i % 200)}${word(i)}\n`),
  /** Quotes holding lists holding tables, the mix that took 77 s before. */
  "lists, tables, quotes": (bytes: number) =>
    fill(
      bytes,
      (i) =>
        `> - ${word(i)}\n>   > 1. | a | b |\n>   >    | - | - |\n>   >    | ${i} | ${word(i)} |\n` +
        `>   > - > | x |\n>   >   > | - |\n`,
    ),
  /** One table with 1 MiB of rows, then one 2,000 columns wide. */
  "huge tables": (bytes: number) =>
    fill(bytes / 2, (i) => `| ${i} | ${word(i)} | *${word(i + 1)}* | \`${i}\` |\n`, "").replace(
      /^/,
      "| n | word | emphasis | code |\n| - | - | - | - |\n",
    ) +
    "\n\n" +
    `|${" c |".repeat(2000)}\n|${" - |".repeat(2000)}\n` +
    fill(bytes / 2, (i) => `|${` ${i % 10} |`.repeat(2000)}\n`),
  /** Runs of emphasis openers that never close, and nested underscores and stars. */
  "emphasis runs": (bytes: number) =>
    fill(bytes / 2, (i) => `*${word(i)} _${word(i)} **${word(i)} __`) +
    "\n\n" +
    fill(bytes / 2, (i) => (i % 2 ? "*" : "_").repeat(1 + (i % 50)) + "a"),
  /** Unclosed and deeply nested brackets and link openers. */
  "bracket runs": (bytes: number) =>
    fill(bytes / 3, () => "[") +
    "a" +
    fill(bytes / 3, () => "](b)") +
    "\n\n" +
    fill(bytes / 3, (i) => `[${word(i)}](<${i} ![x](`),
  /** Thousands of link reference definitions, each used once. */
  "link references": (bytes: number) => {
    const count = Math.floor(bytes / 80);
    let defs = "";
    let uses = "";
    for (let i = 0; i < count; i++) {
      defs += `[ref ${i}]: https://example.com/${i} "Title ${i}"\n`;
      uses += `[${word(i)}][ref ${i}] `;
    }
    return `${uses}\n\n${defs}`;
  },
  /** Short block quotes separated by blank lines (48 KiB of these stalled the server for 5 s). */
  "short quotes": (bytes: number) => fill(bytes, (i) => `> ${word(i)} ${i}\n\n`),
} satisfies Record<string, (bytes: number) => string>;

export type DocumentName = keyof typeof documents;
