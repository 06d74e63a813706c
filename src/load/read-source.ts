import { readFileSync } from "node:fs";
import type { Problem, SourcePosition } from "../errors/problem.js";
import { parseSource, type SourceDocument } from "./source-document.js";

/** Reads and parses one YAML/JSON file; a missing file is a problem at `referencedAt`. */
export function readSource(file: string, referencedAt?: SourcePosition): { doc?: SourceDocument; problems: Problem[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    const problem: Problem = {
      code: missing ? "file.not-found" : "file.unreadable",
      message: missing ? `file ${file} does not exist` : `cannot read ${file}: ${(error as Error).message}`,
      path: [],
    };
    if (referencedAt) problem.source = referencedAt;
    return { problems: [problem] };
  }
  return parseSource(text, file);
}
