import { closeSync, constants, createReadStream, fstatSync, openSync } from "node:fs";
import { defaultJobs, runBatch } from "../batch/run-batch.js";
import type { ProblemCode } from "../errors/codes.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { groupText } from "../money/format.js";
import type { QuoteShape } from "../render/quote-fields.js";
import { UsageError, type CliIO } from "./command.js";

/** `ratecard quote --batch FILE|-`: NDJSON in, NDJSON out, a summary on standard error; exit 1 when any record was refused. */
export async function quoteBatch(
  file: string,
  rulesDir: string,
  shape: QuoteShape,
  jobsText: string | undefined,
  io: CliIO,
): Promise<number> {
  const jobs = jobsText === undefined ? defaultJobs() : jobCount(jobsText);
  const input = file === "-" ? io.stdinStream() : openInput(file);
  const summary = await runBatch({ rulesDir, file: file === "-" ? "<stdin>" : file, ...shape }, jobs, {
    input,
    write: (text) => io.stdout(text),
    drained: () => io.drained(),
    status: (text) => io.stderr(text),
    progress: io.interactive,
  });
  const rate =
    summary.seconds > 0 ? ` (${groupText(String(Math.round(summary.records / summary.seconds)))} records/s)` : ""; // eslint-disable-line ratecard/no-float-money -- a rate for people, not money
  // eslint-disable-next-line ratecard/no-float-money -- elapsed seconds for people, not money
  const elapsed = summary.seconds.toFixed(2);
  io.stderr(
    `batch: ${groupText(String(summary.records))} records in, ${groupText(String(summary.quoted))} quoted, ${groupText(String(summary.refused))} refused; ${elapsed} s${rate}, ${jobs} job${jobs === 1 ? "" : "s"}\n${totalsText(summary.totals)}`,
  );
  return summary.refused ? 1 : 0;
}

/** `total: 1,234.50 USD` per currency, one line each. */
export function totalsText(totals: Readonly<Record<string, string>>): string {
  return Object.entries(totals)
    .map(([currency, amount]) => `total: ${groupText(amount)} ${currency}\n`)
    .join("");
}

export function jobCount(text: string): number {
  // eslint-disable-next-line ratecard/no-float-money -- a thread count
  if (!/^[1-9]\d{0,2}$/.test(text) || Number(text) > 256)
    throw new UsageError(`--jobs must be a whole number from 1 to 256, not "${text}"`);
  return Number(text); // eslint-disable-line ratecard/no-float-money -- a thread count
}

/**
 * The batch file as a stream. Like every file ratecard reads, it is opened without blocking and
 * checked before a byte is read: a device (`/dev/zero`), FIFO or folder is refused, not read forever.
 */
function openInput(file: string): AsyncIterable<Buffer> {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw refused("file.not-found", `batch file ${file} does not exist`);
    throw refused("file.unreadable", `cannot read batch file ${file} (${code ?? "error"})`);
  }
  const found = fstatSync(fd);
  if (found.isFile()) return createReadStream("", { fd });
  closeSync(fd);
  const kind = found.isDirectory()
    ? "a folder"
    : found.isFIFO()
      ? "a FIFO"
      : found.isCharacterDevice() || found.isBlockDevice()
        ? "a device"
        : "not a regular file";
  throw refused(
    "file.not-regular",
    `${file} is ${kind}; give an NDJSON file (one usage document per line), or - to read standard input (a pipe)`,
  );
}

function refused(
  code: Extract<ProblemCode, "file.not-found" | "file.unreadable" | "file.not-regular">,
  message: string,
): RatecardError {
  return new RatecardError([{ code, message, path: [] }]);
}
