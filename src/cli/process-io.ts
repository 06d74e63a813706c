import { once } from "node:events";
import type { CliIO } from "./command.js";
import { readStream } from "./stdin.js";

/**
 * The exit status when the reader of standard output has gone (`ratecard … | head -1`):
 * 128 + SIGPIPE, what a shell reports for `seq 1000000 | head -1`.
 */
const CLOSED_OUTPUT_STATUS = 141;

/**
 * The process's own streams as the CLI's IO. Standard output is watched once, here, for every
 * command: when its reader has gone the process ends at once and quietly (no message, worker
 * threads stopped with it), as Unix tools do; any other write error is reported with a code.
 */
export function processIO(): CliIO {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE")
      process.stderr.write(`file.unwritable  cannot write standard output (${error.code ?? error.message})\n`);
    process.exit(error.code === "EPIPE" ? CLOSED_OUTPUT_STATUS : 1);
  });
  return {
    readStdin: () => readStream(process.stdin),
    stdinStream: () => process.stdin,
    stdout: (text) => process.stdout.write(text),
    drained: async () => {
      if (process.stdout.writableNeedDrain) await once(process.stdout, "drain");
    },
    stderr: (text) => process.stderr.write(text),
    interactive: process.stderr.isTTY === true,
  };
}
