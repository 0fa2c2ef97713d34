import { Command, Option } from "commander";
import { registerAuthCommands } from "./commands/auth";
import { registerDocsCommands } from "./commands/docs";
import { registerKeysCommands } from "./commands/keys";
import { registerKindsCommand } from "./commands/kinds";
import { registerTransformCommand } from "./commands/transform";
import { DEFAULT_URL } from "./context";
import { version } from "../package.json";

export function createProgram(): Command {
  const program = new Command("transmute")
    .description("The Transmute API from a terminal or a script.")
    .version(version)
    .addOption(
      new Option(
        "--url <url>",
        `the server (default: the one you signed in to, or ${DEFAULT_URL})`,
      ).env("TRANSMUTE_URL"),
    )
    .option("--json", "print results as JSON, for scripts")
    .showHelpAfterError("(run with --help for usage)")
    // Errors reach main, which picks the exit code; subcommands inherit this when added.
    .exitOverride()
    .addHelpText(
      "after",
      "\nCredentials: `transmute login`, `transmute use-key <key>`, or TRANSMUTE_API_KEY.\n" +
        "Exit codes: 0 ok, 1 failure, 2 usage error, 3 not signed in or not allowed.",
    );
  registerAuthCommands(program);
  registerDocsCommands(program);
  registerTransformCommand(program);
  registerKindsCommand(program);
  registerKeysCommands(program);
  return program;
}
