// Time and peak RSS of the Markdown kinds on a 1 MiB document, beside a plain CommonMark
// renderer (markdown-it's own render, no tree, no sanitizer) on the same input, then on
// adversarial inputs at half and full size so that growth with the input shows.
// Each measurement runs in its own child process, so its peak RSS is its own and not the
// high-water mark of whichever ran before it.
//
//   pnpm --filter @transmute/transform bench [--article-only | --adversarial-only]
//     [--documents "nested lists,huge tables"] [--timeout ms]
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { catalogue, type TransformDefinition } from "../src/index";
import { documents, type DocumentName } from "./documents";

const plain = "markdown-it (plain)";
const kinds = ["markdown-to-html", "summarize", "social-thread", "to-plain-text", "outline"];
const mib = 1024 * 1024;

interface Measurement {
  ms: number;
  /** CPU time of the run (all threads, GC included): on a busy machine wall time mostly waits. */
  cpuMs: number;
  peakRssMb: number;
  outputBytes: number;
}

const mb = (bytes: number) => Math.round(bytes / mib);

async function measure(kind: string, name: DocumentName, bytes: number): Promise<Measurement> {
  const content = documents[name](bytes);
  let run: () => Promise<string>;
  if (kind === plain) {
    const { default: MarkdownIt } = await import("markdown-it");
    const md = new MarkdownIt();
    run = () => Promise.resolve(md.render(content));
  } else {
    const definition: TransformDefinition = catalogue[kind as keyof typeof catalogue];
    const params: unknown = definition.params.parse({});
    const context = { signal: new AbortController().signal, progress: () => undefined };
    // Loads the kind's lazy dependencies (NLP models), which a worker has done long before.
    await definition.run(
      { content: "Warm up. Two sentences.", format: "markdown" },
      params,
      context,
    );
    run = async () =>
      (await definition.run({ content, format: "markdown" }, params, context)).content;
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  const output = await run();
  const { user, system } = process.cpuUsage(cpu);
  return {
    ms: Math.round(performance.now() - started),
    cpuMs: Math.round((user + system) / 1000),
    // resourceUsage reports kilobytes.
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    outputBytes: Buffer.byteLength(output),
  };
}

/** A measurement in a fresh process; undefined when it ran past the timeout. */
function inChild(
  kind: string,
  name: DocumentName,
  bytes: number,
  timeoutMs: number,
): Promise<Measurement | undefined> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ["child", kind, name, String(bytes)], {
      stdio: "inherit",
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(undefined);
    }, timeoutMs);
    child.once("message", (m) => {
      clearTimeout(timer);
      resolve(m as Measurement);
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0 && signal !== "SIGKILL") reject(new Error(`${kind}: child exited ${code}`));
    });
  });
}

const cell = (m: Measurement | undefined, timeoutMs: number) =>
  m ? `${m.ms} ms (CPU ${m.cpuMs}), ${m.peakRssMb} MB` : `> ${timeoutMs} ms`;

async function main() {
  const { values } = parseArgs({
    options: {
      "article-only": { type: "boolean", default: false },
      "adversarial-only": { type: "boolean", default: false },
      documents: { type: "string" },
      timeout: { type: "string", default: "20000" },
    },
  });
  const timeoutMs = Number(values.timeout);
  console.log(`node ${process.version}, ${process.arch}; each figure from a fresh process`);

  if (!values["adversarial-only"]) {
    console.log("\n1 MiB Markdown article: time and peak RSS");
    const rows = [];
    for (const kind of [plain, ...kinds]) {
      const m = await inChild(kind, "article", mib, timeoutMs);
      rows.push({
        kind,
        "time ms": m?.ms ?? `> ${timeoutMs}`,
        "CPU ms": m?.cpuMs ?? "",
        "peak RSS MB": m?.peakRssMb ?? "",
        "output KB": m ? Math.round(m.outputBytes / 1024) : "",
      });
    }
    console.table(rows);
  }

  if (!values["article-only"]) {
    console.log(
      "\nAdversarial inputs: time, CPU time and peak RSS at 1/2 MiB and 1 MiB, and the CPU ratio",
    );
    const chosen = values.documents?.split(",").map((name) => name.trim());
    for (const name of Object.keys(documents) as DocumentName[]) {
      if (name === "article" || (chosen && !chosen.includes(name))) continue;
      const rows = [];
      for (const kind of [plain, ...kinds]) {
        const half = await inChild(kind, name, mib / 2, timeoutMs);
        const full = await inChild(kind, name, mib, timeoutMs);
        rows.push({
          kind,
          "1/2 MiB": cell(half, timeoutMs),
          "1 MiB": cell(full, timeoutMs),
          "CPU ratio":
            half && full ? Math.round((full.cpuMs / Math.max(half.cpuMs, 1)) * 10) / 10 : "",
        });
      }
      console.log(`\n${name}`);
      console.table(rows);
    }
  }
}

if (process.argv[2] === "child") {
  const [, , , kind, name, bytes] = process.argv;
  const measurement = await measure(kind as string, name as DocumentName, Number(bytes));
  // Run by hand (not forked), it prints its figures.
  if (process.send) process.send(measurement);
  else console.log(measurement);
} else {
  await main();
}
