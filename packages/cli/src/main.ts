import { CommanderError } from "commander";
import { describeError, exitCodes } from "./errors";
import { createProgram } from "./program";

const program = createProgram();
const json = process.argv.includes("--json");

try {
  await program.parseAsync(process.argv);
  process.exitCode = exitCodes.ok;
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help, or the version).
    process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  } else {
    const described = describeError(error);
    process.stderr.write(
      json ? `${JSON.stringify({ error: described })}\n` : `transmute: ${described.message}\n`,
    );
    process.exitCode = described.exitCode;
  }
}
