import type { RouterInputs } from "@transmute/client";
import { InvalidArgumentError, type Command } from "commander";
import { collect } from "../collect";
import { createContext, type GlobalOptions } from "../context";
import { print, table } from "../output";

type Scope = RouterInputs["apiKey"]["create"]["scopes"][number];

interface CreateOptions {
  scope: string[];
  expiresInDays?: number;
}

const days = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError("Expected a whole number of days.");
  }
  return parsed;
};

/** `transmute keys`: the workspace's API keys, for admins. */
export function registerKeysCommands(program: Command): void {
  const keys = program
    .command("keys")
    .description("create, list and revoke the workspace's API keys (admins)")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  transmute keys create ingest --scope documents:write --scope transformations:run\n" +
        "  transmute keys list\n  transmute keys revoke 0190c5d6-…",
    );

  keys
    .command("create")
    .description("make a key; prints its secret, which is shown this once")
    .argument("<name>", "what the key is for")
    .requiredOption(
      "--scope <scope>",
      "documents:read, documents:write, transformations:read or transformations:run; repeat for several",
      collect,
    )
    .option("--expires-in-days <days>", "let it expire (default: never)", days)
    .action(async (name: string, options: CreateOptions, command: Command) => {
      const ctx = await createContext(command.optsWithGlobals<GlobalOptions>());
      const created = await ctx.client().apiKey.create.mutate({
        name,
        // The server names a scope it does not know.
        scopes: options.scope as Scope[],
        expiresInDays: options.expiresInDays,
      });
      print(ctx.json, created, () => created.secret);
    });

  keys
    .command("list")
    .description("the keys: prefix, scopes, status, last use")
    .action(async (_options: unknown, command: Command) => {
      const ctx = await createContext(command.optsWithGlobals<GlobalOptions>());
      const list = await ctx.client().apiKey.list.query();
      print(ctx.json, list, () =>
        table([
          ["ID", "PREFIX", "STATUS", "LAST USED", "SCOPES", "NAME"],
          ...list.map((key) => [
            key.id,
            key.prefix,
            key.status,
            key.lastUsedAt?.toISOString() ?? "never",
            key.scopes.join(","),
            key.name,
          ]),
        ]),
      );
    });

  keys
    .command("revoke")
    .description("stop a key at once")
    .argument("<id>", "the key's id (see `transmute keys list`)")
    .action(async (apiKeyId: string, _options: unknown, command: Command) => {
      const ctx = await createContext(command.optsWithGlobals<GlobalOptions>());
      const revoked = await ctx.client().apiKey.revoke.mutate({ apiKeyId });
      print(ctx.json, revoked, () => `Revoked ${apiKeyId}`);
    });
}
