import type { Command } from "commander";
import { createContext, type GlobalOptions } from "../context";
import { print, table } from "../output";

export function registerKindsCommand(program: Command): void {
  program
    .command("kinds")
    .description("list the transformation kinds, the formats they take and their parameters")
    .addHelpText("after", "\nWith --json, each kind's parameters come as a JSON Schema.")
    .action(async (_options: unknown, command: Command) => {
      const ctx = await createContext(command.optsWithGlobals<GlobalOptions>());
      const kinds = await ctx.client().transformation.kinds.query();
      print(ctx.json, kinds, () =>
        table([
          ["KIND", "INPUT", "OUTPUT", "PARAMS", "DESCRIPTION"],
          ...kinds.map((kind) => [
            kind.name,
            kind.inputFormats.join(","),
            kind.keepsInputFormat ? "same" : kind.outputFormat,
            paramNames(kind.paramsJsonSchema).join(",") || "-",
            kind.available ? kind.description : `(unavailable: ${kind.reason})`,
          ]),
        ]),
      );
    });
}

function paramNames(schema: Record<string, unknown>): string[] {
  const properties = schema.properties;
  return properties && typeof properties === "object" ? Object.keys(properties) : [];
}
