import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { ProblemCode } from "../errors/codes.js";
import { clip } from "../guard/clip.js";
import { LIMITS } from "../guard/limits.js";
import { groupText } from "../money/format.js";
import { exactNumberTags } from "./exact-numbers.js";
import { colonAdvice, indentAdvice } from "./indent-advice.js";
import { splitValues } from "./split-values.js";
import { parseJson } from "./parse-json.js";
import type { DocPath, Problem, SourcePosition } from "../errors/problem.js";
import { checkPlainData } from "./plain-data.js";

/**
 * A parsed YAML (or JSON) document that remembers where every value came from.
 * `data` is plain JavaScript; decimal and very large numbers arrive as their source text
 * (see exact-numbers.ts), so that they can be read exactly.
 */
export interface SourceDocument {
  /** The file name used in problem positions. */
  file: string;
  /** The document as plain JavaScript values. */
  data: unknown;
  /** Position of the value at `path`, or of its nearest existing ancestor; none for in-memory data. */
  locate(path: DocPath, at?: "value" | "key"): SourcePosition | undefined;
}

/** Wraps data that came from a program rather than a file: problems then carry paths only. */
export function inMemory(data: unknown, file = "<input>"): SourceDocument {
  return { file, data, locate: () => undefined };
}

/** Parses YAML or JSON text (JSON with JSON.parse when that is exact, see parse-json.ts). */
export function parseSource(text: string, file: string): { doc: SourceDocument; problems: Problem[] } {
  // JSON within the limits is read by one scan and JSON.parse; everything else is counted before the YAML parser sees it.
  const json = parseJson(text, file, () => parseYaml(text, file).doc);
  if (json) return { doc: json, problems: [] };
  if (separators(text) > LIMITS.entries) {
    const problem: Problem = {
      code: "input.size",
      message: `the document holds more than ${groupText(String(LIMITS.entries))} values; split it or summarise daily values`,
      path: [],
      source: { file, line: 1, col: 1 },
    };
    return { doc: { file, data: undefined, locate: () => undefined }, problems: [problem] };
  }
  return parseYaml(text, file);
}

function parseYaml(text: string, file: string): { doc: SourceDocument; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    // Only the core schema's tags: `!!omap`, `!!set`, `!!timestamp` and custom tags are refused.
    resolveKnownTags: false,
    customTags: exactNumberTags,
  });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const root = document.contents as Node | null;
  const locate: SourceDocument["locate"] = (path, at = "value") => {
    const found = walk(root, path);
    const range = (at === "key" && found.key ? found.key : found.node)?.range;
    return position(range ? range[0] : 0);
  };
  const problems: Problem[] = [];
  for (const error of [...document.errors, ...document.warnings]) {
    const indent = indentProblem(error.code, error.message, text, error.pos[0]);
    const problem: Problem = indent
      ? { code: "yaml.syntax", message: indent.message, path: [], source: { file, line: indent.line, col: indent.col } }
      : {
          code: yamlCode(error.code),
          message: yamlMessage(error.code, error.message),
          path: [],
          source: position(error.pos[0]),
        };
    // One mistake, one message: YAML may report a misplaced line twice.
    if (!problems.some((p) => p.message === problem.message && p.source?.line === problem.source?.line))
      problems.push(problem);
  }
  if (!problems.length) {
    for (const split of splitValues(document, text)) {
      const fix = split.number
        ? "write it without a comma (1500, or 10.00 with a dot for decimals)"
        : `quote it ("${clip(split.written, 40)}") or write the mapping one key a line`;
      const message = `${clip(split.written, 40)} is split by YAML at the comma inside { … }; ${fix}`;
      problems.push({ code: "yaml.syntax", message, path: [], source: position(split.offset) });
    }
  }
  const data = problems.length ? undefined : plainData(document, locate, problems);
  return { doc: { file, data, locate }, problems };
}

/** The document as plain data, or a problem: too many aliases, an alias to nothing, a cycle, limits. */
function plainData(document: Document.Parsed, locate: SourceDocument["locate"], problems: Problem[]): unknown {
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: LIMITS.aliases });
  } catch (error) {
    const message = (error as Error).message.startsWith("Excessive alias count")
      ? `the document expands more than ${LIMITS.aliases} aliases (*name); write the values out`
      : firstLine((error as Error).message);
    problems.push(located({ code: "yaml.alias", message, path: [] }, locate));
    return undefined;
  }
  const shape = checkPlainData(data);
  if (!shape) return data;
  const code = shape.message.includes("(a cycle)") ? "yaml.alias" : shape.code;
  problems.push(located({ ...shape, code }, locate));
  return undefined;
}

/** The problem with its place in the text, when the path has one. */
function located(problem: Problem, locate: SourceDocument["locate"]): Problem {
  const source = locate(problem.path);
  return source ? { ...problem, source } : problem;
}

/** An upper bound on the values a YAML or JSON text can hold: every entry needs a separator. */
function separators(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 10 || c === 91 || c === 123) count++; // , \n [ {
  }
  return count;
}

function yamlCode(code: string): ProblemCode {
  if (code === "TAG_RESOLVE_FAILED") return "yaml.tag";
  if (code === "RESOURCE_EXHAUSTION") return "input.depth";
  return "yaml.syntax";
}

/** YAML's errors that a misplaced indent causes, and whether YAML points at the line above the one that is off. */
const INDENT_ERRORS: ReadonlyMap<string, boolean> = new Map([
  ["BAD_INDENT", false],
  ["MISSING_CHAR", false],
  ["BLOCK_AS_IMPLICIT_KEY", true],
  ["MULTILINE_IMPLICIT_KEY", true],
]);

function indentProblem(code: string, message: string, text: string, offset: number): ReturnType<typeof indentAdvice> {
  const pointsAbove = INDENT_ERRORS.get(code);
  if (pointsAbove === undefined || (code === "MISSING_CHAR" && !message.startsWith("Sequence item without")))
    return undefined;
  return (code === "BLOCK_AS_IMPLICIT_KEY" && colonAdvice(text, offset)) || indentAdvice(text, offset, pointsAbove);
}

function yamlMessage(code: string, message: string): string {
  if (code === "TAG_RESOLVE_FAILED")
    return `${clip(firstLine(message))}; only plain mappings, lists, strings, numbers, booleans and null are read`;
  if (code === "RESOURCE_EXHAUSTION") return `the document is nested too deeply (the limit is ${LIMITS.depth} levels)`;
  return clip(firstLine(message), 300);
}

interface Found {
  node: Node | null;
  key: Node | null;
}

/** Follows `path` through maps and sequences as far as it exists. */
function walk(root: Node | null, path: DocPath): Found {
  let found: Found = { node: root, key: null };
  for (const part of path) {
    const next = child(found.node, part);
    if (!next) return found;
    found = next;
  }
  return found;
}

function child(node: Node | null, part: string | number): Found | null {
  if (isSeq(node) && typeof part === "number") {
    const item = node.items[part];
    return item ? { node: item as Node, key: null } : null;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      const name = isScalar(key) ? String(key.value) : undefined;
      if (name === String(part)) return { node: (pair.value as Node | null) ?? key, key };
    }
  }
  return null;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
