import type { Problem, SourcePosition } from "../errors/problem.js";
import { readText } from "./read-text.js";
import { parseCached } from "./parse-cache.js";
import type { SourceDocument } from "./source-document.js";

/** Reads and parses one YAML/JSON rule file (through the parse cache); a file that cannot be read is a problem at `referencedAt`. */
export function readSource(file: string, referencedAt?: SourcePosition): { doc?: SourceDocument; problems: Problem[] } {
  const read = readText(file);
  if (read.text !== undefined) return parseCached(read.text, file);
  const problem: Problem = { code: read.code, message: read.message, path: [] };
  if (referencedAt) problem.source = referencedAt;
  return { problems: [problem] };
}
