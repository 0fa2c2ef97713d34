import { writeFile } from "node:fs/promises";
import { InvalidArgumentError, type Command } from "commander";
import { collect } from "../collect";
import { createContext, type GlobalOptions } from "../context";
import { filesToPush, pushFile, type PushOptions } from "../documents";
import { usageError } from "../errors";
import { progressBar } from "../progress";
import { print, table } from "../output";

export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError("Not a positive integer.");
  return parsed;
}

export function registerDocsCommands(program: Command): void {
  const docs = program
    .command("docs")
    .description("list, push and pull documents")
    .addHelpText(
      "after",
      "\nExamples:\n  transmute docs list --query invoice\n  transmute docs push notes.md --tag weekly\n  transmute docs pull 0190c5d6-… -o notes.md",
    );

  docs
    .command("list")
    .description("the newest documents of the workspace")
    .option("--limit <n>", "how many (1–100)", positiveInteger, 20)
    .option("--query <words>", "full-text search")
    .option("--tag <tag>", "only documents with this tag")
    .action(async (options: { limit: number; query?: string; tag?: string }, command: Command) => {
      const ctx = await createContext(command.optsWithGlobals<GlobalOptions>());
      const page = await ctx.client().document.list.query(options);
      print(ctx.json, page.items, () =>
        page.items.length === 0
          ? "No documents"
          : table([
              ["ID", "FORMAT", "UPDATED", "TITLE"],
              ...page.items.map((doc) => [
                doc.id,
                doc.format,
                doc.updatedAt.toISOString().slice(0, 16).replace("T", " "),
                doc.title,
              ]),
            ]),
      );
    });

  docs
    .command("push")
    .description(
      "store local files (.md, .html, .txt) as new documents, folders searched recursively; prints their ids",
    )
    .argument("<paths...>", "files and folders to push")
    .option("--title <title>", "the document's title (default: the file name; one file only)")
    .option("--format <format>", "markdown, html or text (default: from the extension)")
    .option("--tag <tag>", "a tag; repeat for several", collect)
    .action(async (paths: string[], options: PushOptions, command: Command) => {
      const ctx = await createContext(command.optsWithGlobals<GlobalOptions>());
      const files = await filesToPush(paths);
      if (files.length === 0) throw usageError(`No .md, .html or .txt files in ${paths.join(" ")}`);
      if (options.title && files.length > 1) {
        throw usageError("--title names one document; leave it out to push several files");
      }
      const client = ctx.client();
      const bar = files.length > 1 ? progressBar() : undefined;
      const pushed: ({ file: string; id: string } & Record<string, unknown>)[] = [];
      try {
        for (const [index, file] of files.entries()) {
          const { content: _content, ...summary } = await pushFile(client, file, options);
          pushed.push({ file, ...summary });
          bar?.update({
            status: `${index + 1}/${files.length}`,
            progress: Math.round(((index + 1) / files.length) * 100),
          });
        }
      } finally {
        bar?.end();
      }
      print(ctx.json, files.length === 1 ? pushed[0] : pushed, () =>
        pushed.map((document) => document.id).join("\n"),
      );
    });

  docs
    .command("pull")
    .description("a document's content, to standard output or a file")
    .argument("<id>", "the document's id")
    .option("-o, --output <file>", "write to this file instead")
    .action(async (id: string, options: { output?: string }, command: Command) => {
      const ctx = await createContext(command.optsWithGlobals<GlobalOptions>());
      const { transformations: _transformations, ...document } = await ctx
        .client()
        .document.get.query({ id });
      if (!options.output) {
        // The content exactly as stored, without a newline added.
        if (ctx.json) print(true, document, () => "");
        else process.stdout.write(document.content);
        return;
      }
      await writeFile(options.output, document.content);
      // Like cp, quiet on success; scripts asking for JSON learn what was written.
      const { content: _content, ...summary } = document;
      if (ctx.json) print(true, { ...summary, writtenTo: options.output }, () => "");
    });
}
