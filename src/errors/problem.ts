import { clip } from "../guard/clip.js";
import type { ProblemCode } from "./codes.js";

/** Where in a source file something is; lines and columns count from 1. */
export interface SourcePosition {
  /** The file's path as it was given. */
  file: string;
  /** Line number, from 1. */
  line: number;
  /** Column number, from 1. */
  col: number;
}

/** A path into a document: property names and array indexes. */
export type DocPath = readonly (string | number)[];

/**
 * A problem is plain data: what is wrong, where, and (in the message) how to fix it.
 * Functions return problems; only the public entry points throw them.
 */
export interface Problem {
  /** What kind of problem, from a closed list. */
  code: ProblemCode;
  /** What is wrong and, where it helps, how to fix it. */
  message: string;
  /** Where in the document. */
  path: DocPath;
  /** Where in the file, when the document came from one. */
  source?: SourcePosition;
}

/** Renders a document path as `a.b[2].c` for messages. */
export function pathText(path: DocPath): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? clip(part) : `.${clip(part)}`;
  }
  return text || "(document)";
}
