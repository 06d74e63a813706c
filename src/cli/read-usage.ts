import { parseUsage } from "../api.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { readText } from "../load/read-text.js";
import type { SourceDocument } from "../load/source-document.js";
import type { CliIO } from "./command.js";

/** Reads a usage document from a file, or from standard input for `-`. */
export async function readUsage(file: string, io: CliIO): Promise<SourceDocument> {
  if (file === "-") return parseUsage(await io.readStdin(), "<stdin>");
  const read = readText(file);
  if (read.text === undefined) {
    const message = read.code === "file.not-found" ? `usage file ${file} does not exist` : read.message;
    throw new RatecardError([{ code: read.code, message, path: [] }]);
  }
  return parseUsage(read.text, file);
}
