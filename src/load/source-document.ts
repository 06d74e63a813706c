import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { exactNumberTags } from "./exact-numbers.js";
import type { DocPath, Problem, SourcePosition } from "../errors/problem.js";

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

export function parseSource(text: string, file: string): { doc: SourceDocument; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    customTags: exactNumberTags,
  });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const problems: Problem[] = [...document.errors, ...document.warnings].map((error) => ({
    code: "yaml.syntax",
    message: firstLine(error.message),
    path: [],
    source: position(error.pos[0]),
  }));
  const root = document.contents as Node | null;
  const doc: SourceDocument = {
    file,
    data: problems.length ? undefined : document.toJS({ maxAliasCount: 100 }),
    locate(path, at = "value") {
      const found = walk(root, path);
      const range = (at === "key" && found.key ? found.key : found.node)?.range;
      return position(range ? range[0] : 0);
    },
  };
  return { doc, problems };
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
