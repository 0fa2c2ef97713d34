import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/** Vite's build manifest (build.manifest: true), the fields this report reads. */
interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface ChunkSize {
  name: string;
  file: string;
  /** The chunk alone, gzipped. */
  gzip: number;
  /** What opening it downloads beyond the initial JS: it and its static imports, gzipped. */
  extraGzip: number;
}

export interface BundleReport {
  /** Files the first page (sign-in) loads before anything else: the entry and its static imports. */
  initialFiles: string[];
  initialGzip: number;
  initialCss: number;
  routes: ChunkSize[];
}

const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Reads a finished build: the initial JS, and what each lazily loaded page adds to it. */
export function bundleReport(outDir: string): BundleReport {
  const manifest = JSON.parse(
    readFileSync(path.join(outDir, ".vite", "manifest.json"), "utf8"),
  ) as Manifest;
  const sizes = new Map<string, number>();
  const sizeOf = (file: string) => {
    let size = sizes.get(file);
    if (size === undefined) sizes.set(file, (size = gzipSize(path.join(outDir, file))));
    return size;
  };
  const staticClosure = (key: string, into = new Set<string>()) => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return into;
    into.add(chunk.file);
    for (const imported of chunk.imports ?? []) staticClosure(imported, into);
    return into;
  };

  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entryKey) throw new Error("The build manifest has no entry");
  const initial = staticClosure(entryKey);
  const sum = (files: Iterable<string>) =>
    [...files].reduce((total, file) => total + sizeOf(file), 0);

  const routes = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry)
    .map(([key, chunk]) => {
      const extra = [...staticClosure(key)].filter((file) => !initial.has(file));
      return {
        name: chunk.name ?? path.basename(chunk.file),
        file: chunk.file,
        gzip: sizeOf(chunk.file),
        extraGzip: sum(extra),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const css = manifest[entryKey]!.css ?? [];
  return {
    initialFiles: [...initial],
    initialGzip: sum(initial),
    initialCss: sum(css),
    routes,
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function formatReport(report: BundleReport): string {
  const width = Math.max(...report.routes.map((route) => route.name.length), 20);
  const lines = [
    `initial JS (sign-in page), gzip: ${kib(report.initialGzip)} in ${report.initialFiles.length} files; CSS ${kib(report.initialCss)}`,
    "",
    `${"route chunk".padEnd(width)}  ${"chunk".padStart(10)}  ${"with its imports".padStart(17)}`,
    ...report.routes.map(
      (route) =>
        `${route.name.padEnd(width)}  ${kib(route.gzip).padStart(10)}  ${kib(route.extraGzip).padStart(17)}`,
    ),
  ];
  return lines.join("\n");
}
