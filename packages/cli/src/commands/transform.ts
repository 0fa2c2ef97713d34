import { stat } from "node:fs/promises";
import { waitForTransformation, type TransformationStep } from "@transmute/client";
import { InvalidArgumentError, type Command } from "commander";
import { createContext, type GlobalOptions } from "../context";
import { pushFile } from "../documents";
import { CliError, usageError } from "../errors";
import { print } from "../output";
import { progressBar } from "../progress";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `key=value`; the value is read as JSON when it is JSON (numbers, booleans, lists), else as text. */
export function parseParam(entry: string, previous: Record<string, unknown> = {}) {
  const equals = entry.indexOf("=");
  if (equals < 1) throw new InvalidArgumentError(`Expected key=value, got "${entry}".`);
  const raw = entry.slice(equals + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Plain text.
  }
  return { ...previous, [entry.slice(0, equals)]: value };
}

interface TransformOptions {
  kind: string;
  param?: Record<string, unknown>;
  wait?: boolean;
}

export function registerTransformCommand(program: Command): void {
  program
    .command("transform")
    .description("run a transformation on a document, or on a local file (pushed first)")
    .argument("<doc-id|file>", "a document id, or a .md/.html/.txt file to push")
    .requiredOption("--kind <kind>", "the transformation kind (see `transmute kinds`)")
    .option(
      "--param <key=value>",
      "a parameter; repeat for several (values read as JSON when they are)",
      parseParam,
    )
    .option("--wait", "follow its progress on stderr, then print the output")
    .addHelpText(
      "after",
      "\nWithout --wait it prints the new transformation's id and returns at once.\n" +
        "Examples:\n" +
        "  transmute transform notes.md --kind markdown-to-html --wait > notes.html\n" +
        "  transmute transform 0190c5d6-… --kind summarize --param sentences=2 --wait",
    )
    .action(async (target: string, options: TransformOptions, command: Command) => {
      const ctx = await createContext(command.optsWithGlobals<GlobalOptions>());
      const client = ctx.client();
      const documentId = (await isFile(target))
        ? (await pushFile(client, target, {})).id
        : UUID.test(target)
          ? target
          : failNoSuchFile(target);

      const created = await client.transformation.create.mutate({
        documentId,
        // Typed from the command line: the server checks the kind and its parameters.
        steps: [{ kind: options.kind, params: options.param ?? {} } as TransformationStep],
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
