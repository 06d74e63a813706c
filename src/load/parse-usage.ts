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
  return markParsed(guarded(() => readUsageText(text, file)));
}

/**
 * parseUsage for ratecard's own callers, whose text and file name are strings already: the
 * document is not marked as parseUsage's (see markParsed), so it is for internal use only.
 * @throws RatecardError on a syntax error or a text past the size limit.
 */
export function readUsageText(text: string, file: string): SourceDocument {
  // The byte length is counted only when the characters alone do not settle it (a character is 1 to 3 bytes).
  if (text.length * 3 > LIMITS.fileBytes && Buffer.byteLength(text) > LIMITS.fileBytes) {
    const { code, message } = tooLarge(file);
    throw new RatecardError([{ code, message, path: [] }]);
  }
  const { doc, problems } = parseSource(text, file);
  if (problems.length) throw new RatecardError(problems);
  return doc;
}
