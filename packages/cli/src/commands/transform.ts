import { stat } from "node:fs/promises";
import { waitForTransformation } from "@transmute/client";
import type { Command } from "commander";
import { collect } from "../collect";
import { createContext, type GlobalOptions } from "../context";
import { pushFile } from "../documents";
import { CliError, usageError } from "../errors";
import { print } from "../output";
import { progressBar } from "../progress";
import { buildSteps, parseParam, type Param } from "../steps";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TransformOptions {
  kind: string[];
  param?: Param[];
  wait?: boolean;
}

export function registerTransformCommand(program: Command): void {
  program
    .command("transform")
    .description("run a transformation on a document, or on a local file (pushed first)")
    .argument("<doc-id|file>", "a document id, or a .md/.html/.txt file to push")
    .requiredOption(
      "--kind <kind>",
      "the transformation kind (see `transmute kinds`); repeat for a pipeline, in order",
      collect,
    )
    .option(
      "--param <[kind.]key=value>",
      "a parameter, for every step that takes it or for one kind; repeat for several (values read as JSON when they are)",
      parseParam,
    )
    .option("--wait", "follow its progress on stderr, then print the output")
    .addHelpText(
      "after",
      "\nWithout --wait it prints the new transformation's id and returns at once.\n" +
        "Examples:\n" +
        "  transmute transform notes.md --kind markdown-to-html --wait > notes.html\n" +
        "  transmute transform 0190c5d6-… --kind summarize --param sentences=2 --wait\n" +
        "  transmute transform notes.md --kind redact --kind summarize --param summarize.sentences=1",
    )
    .action(async (target: string, options: TransformOptions, command: Command) => {
      const ctx = await createContext(command.optsWithGlobals<GlobalOptions>());
      const client = ctx.client();
      const steps = buildSteps(
        await client.transformation.kinds.query(),
        options.kind,
        options.param ?? [],
      );
      const documentId = (await isFile(target))
        ? (await pushFile(client, target, {})).id
        : UUID.test(target)
          ? target
          : failNoSuchFile(target);

      const created = await client.transformation.create.mutate({
        documentId,
        steps,
      });
      if (!options.wait) {
        print(ctx.json, created, () => created.id);
        return;
      }

      const bar = progressBar();
      // Ctrl-C stops the wait, not the transformation; say how to pick it up again.
      const interrupted = new AbortController();
      process.once("SIGINT", () => interrupted.abort());
      const done = await waitForTransformation(client, created.id, {
        signal: interrupted.signal,
        onProgress: bar.update,
      })
        .catch((error: unknown) => {
          if (!interrupted.signal.aborted) throw error;
          throw new CliError(`Stopped waiting; transformation ${created.id} runs on`);
        })
        .finally(bar.end);
      if (done.status !== "succeeded") {
        if (ctx.json) print(true, done, () => "");
        throw new CliError(`Transformation ${done.status}: ${done.error ?? "no reason given"}`);
      }
      print(ctx.json, done, () => done.output ?? "");
    });
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

function failNoSuchFile(target: string): never {
  throw usageError(`${target} is neither a document id nor a file`);
}
