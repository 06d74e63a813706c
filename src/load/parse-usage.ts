import { assertPath, assertString, guarded, markParsed } from "../errors/entry.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { LIMITS } from "../guard/limits.js";
import { tooLarge } from "./read-text.js";
import { parseSource, type SourceDocument } from "./source-document.js";

/**
 * Parses a usage document (YAML or JSON) keeping source positions for error messages.
 * @throws RatecardError on a syntax error.
 */
export function parseUsage(text: string, file: string): SourceDocument {
  assertPath(file, "file");
  assertString(text, "text", Number.MAX_SAFE_INTEGER);
  if (Buffer.byteLength(text) > LIMITS.fileBytes) {
    const { code, message } = tooLarge(file);
    throw new RatecardError([{ code, message, path: [] }]);
  }
  const { doc, problems } = guarded(() => parseSource(text, file));
  if (problems.length) throw new RatecardError(problems);
  return markParsed(doc);
}
