import type { ProblemCode } from "./codes.js";

/** Where in a source file something is; lines and columns count from 1. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/** A path into a document: property names and array indexes. */
export type DocPath = readonly (string | number)[];

/**
 * A problem is plain data: what is wrong, where, and (in the message) how to fix it.
 * Functions return problems; only the public entry points throw them.
 */
export interface Problem {
  code: ProblemCode;
  message: string;
  path: DocPath;
  source?: SourcePosition;
}

/** Renders a document path as `a.b[2].c` for messages. */
export function pathText(path: DocPath): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? part : `.${part}`;
  }
  return text || "(document)";
}
