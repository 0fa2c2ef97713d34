import { watch, type FSWatcher } from "node:fs";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { TransmuteClient } from "@transmute/client";
import { formatOfFile } from "./formats";
import { transformDocument } from "./transform";

export interface FolderOptions {
  dir: string;
  kind: string;
  /** Told of each file's outcome, for logs. */
  onResult?: (result: { file: string; output?: string; error?: Error }) => void;
}

/** A file counts as written once it has not changed for this long. */
const SETTLE_MS = 200;

/**
 * Watches a folder: each .md, .html or .txt file that appears or changes goes through the
 * transformation, and the result lands next to it as `<file>.<kind>.out` (or `.error` with the
 * reason). Files that already have a result when the watch starts are left alone, so a restart
 * picks up only what arrived while the service was down.
 */
export async function watchFolder(
  client: TransmuteClient,
  { dir, kind, onResult }: FolderOptions,
): Promise<{ close(): Promise<void> }> {
  const outcome = (file: string, suffix: "out" | "error") => join(dir, `${file}.${kind}.${suffix}`);
  const settling = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const stop = new AbortController();

  async function ingest(file: string) {
    const path = join(dir, file);
    const content = await readFile(path, "utf8").catch(() => null);
    // Gone again, or an empty file still being created: its next change brings it back.
    if (!content?.trim()) return;
    try {
      const title = basename(file, extname(file));
      const done = await transformDocument(
        client,
        kind,
        { title, format: formatOfFile(file)!, content },
        stop.signal,
      );
      await writeFile(outcome(file, "out"), done.output);
      onResult?.({ file, output: outcome(file, "out") });
    } catch (error) {
      if (stop.signal.aborted) return;
      const reason = error instanceof Error ? error : new Error(String(error));
      await writeFile(outcome(file, "error"), `${reason.message}\n`);
      onResult?.({ file, error: reason });
    }
  }

  // Editors and copies write a file in several steps; wait until it settles, then take it once.
  function schedule(file: string) {
    if (!formatOfFile(file) || stop.signal.aborted) return;
    clearTimeout(settling.get(file));
    settling.set(
      file,
      setTimeout(() => {
        settling.delete(file);
        const work = ingest(file).finally(() => running.delete(work));
        running.add(work);
      }, SETTLE_MS),
    );
  }

  const watcher: FSWatcher = watch(dir, (_event, file) => {
    if (file) schedule(file);
  });

  for (const file of await readdir(dir)) {
    const done = await Promise.all(
      (["out", "error"] as const).map((suffix) =>
        stat(outcome(file, suffix)).then(Boolean, () => false),
      ),
    );
    if (!done.includes(true)) schedule(file);
  }

  return {
    async close() {
      watcher.close();
      stop.abort();
      for (const timer of settling.values()) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
