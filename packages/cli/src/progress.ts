const WIDTH = 30;

/**
 * Progress on stderr, so stdout keeps only the result: a bar redrawn in place on a terminal, or
 * one line per change when stderr is a file or a pipe (logs, CI).
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  let drawn = false;
  return {
    update: ({ status, progress }: { status: string; progress: number }) => {
      const filled = Math.round((progress / 100) * WIDTH);
      const line = `${status.padEnd(9)} ${String(progress).padStart(3)}%`;
      if (stream.isTTY) {
        stream.write(`\r[${"#".repeat(filled)}${" ".repeat(WIDTH - filled)}] ${line}`);
        drawn = true;
      } else {
        stream.write(`${line}\n`);
      }
    },
    end: () => {
      if (drawn) stream.write("\n");
    },
  };
}
