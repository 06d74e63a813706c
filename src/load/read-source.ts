import type { Problem, SourcePosition } from "../errors/problem.js";
import { readText } from "./read-text.js";
import { parseSource, type SourceDocument } from "./source-document.js";

/** Reads and parses one YAML/JSON file; a file that cannot be read is a problem at `referencedAt`. */
export function readSource(file: string, referencedAt?: SourcePosition): { doc?: SourceDocument; problems: Problem[] } {
  const read = readText(file);
  if (read.text !== undefined) return parseSource(read.text, file);
  const problem: Problem = { code: read.code, message: read.message, path: [] };
  if (referencedAt) problem.source = referencedAt;
  return { problems: [problem] };
}
