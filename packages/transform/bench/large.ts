// Micro benchmark: a ~1 MB Markdown document through the kinds most likely to meet one.
// Each kind runs in its own child process, so its peak RSS is its own and not the
// high-water mark of whichever kind ran before it.
//
//   pnpm --filter @transmute/transform bench
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { catalogue, type TransformDefinition } from "../src/index";

const kinds = ["markdown-to-html", "summarize", "social-thread"] as const;
type Kind = (typeof kinds)[number];

interface Measurement {
  kind: Kind;
  inputBytes: number;
  outputBytes: number;
  ms: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

/** The test article repeated with numbered headings until it passes 1 MiB. */
function largeMarkdown(): string {
  const article = readFileSync(new URL("../test/fixtures/article.md", import.meta.url), "utf8");
  const parts: string[] = [];
  let size = 0;
  for (let copy = 1; size < 1024 * 1024; copy++) {
    const part = article
      .replace(/^(#+) /gm, `$1 ${copy}. `)
      .replace(/\[\^(\w+)\]/g, `[^$1-${copy}]`);
    parts.push(part);
    size += Buffer.byteLength(part) + 2;
  }
  return parts.join("\n\n");
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function measure(kind: Kind): Promise<Measurement> {
  const content = largeMarkdown();
  const definition = catalogue[kind] as TransformDefinition;
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const output = await definition.run(
    { content, format: "markdown" },
    definition.params.parse({}),
    { signal: new AbortController().signal, progress: () => undefined },
  );
  const ms = Math.round(performance.now() - started);
  return {
    kind,
    inputBytes: Buffer.byteLength(content),
    outputBytes: Buffer.byteLength(output.content),
    ms,
    rssBeforeMb: mb(rssBefore),
    // resourceUsage reports kilobytes.
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
  };
}

function inChild(kind: Kind): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [kind], { stdio: "inherit" });
    child.once("message", (m) => resolve(m as Measurement));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`${kind}: child exited with ${code}`));
    });
  });
}

const only = process.argv[2] as Kind | undefined;
if (only) {
  process.send?.(await measure(only));
} else {
  console.log(`node ${process.version}, ${process.arch}; each kind in a fresh process, first run`);
  const rows = [];
  for (const kind of kinds) {
    const m = await inChild(kind);
    rows.push({
      kind: m.kind,
      "input MB": mb(m.inputBytes),
      "output MB": mb(m.outputBytes),
      "time ms": m.ms,
      "RSS before MB": m.rssBeforeMb,
      "peak RSS MB": m.peakRssMb,
    });
  }
  console.table(rows);
}
