import { checkPlainData } from "../guard/plain-data.js";
import type { SourceDocument } from "./source-document.js";

/** A plain integer of at most 15 digits: exact as a JavaScript number, and read as a number by the YAML path too. */
const SMALL_INTEGER = /^-?(?:0|[1-9]\d{0,14})$/;

/**
 * JSON text read with JSON.parse, for speed, when that gives exactly the data the YAML path
 * would: no duplicate keys (JSON.parse keeps the last silently; the YAML path refuses them),
 * every number a small integer (decimals and large numbers must stay exact, so they take the
 * YAML path, which keeps their source text), and plain data within the limits. Otherwise, or
 * when the text is not JSON, undefined: the caller parses it as YAML. Source positions are
 * recovered only when a problem needs one, by parsing the text again.
 */
export function parseJson(text: string, file: string, slowPath: () => SourceDocument): SourceDocument | undefined {
  const first = text.trimStart().charCodeAt(0);
  if (first !== 123 && first !== 91) return undefined; // { [
  const scan = scanTokens(text);
  if (!scan) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Plain data first: it bounds the depth countKeys recurses to.
  if (checkPlainData(data) || countKeys(data) !== scan.keys) return undefined;
  let located: SourceDocument | undefined;
  return { file, data, locate: (path, at) => (located ??= slowPath()).locate(path, at) };
}

/** Counts the object keys of JSON text and checks its numbers; undefined when a number is not a small integer. */
function scanTokens(text: string): { keys: number } | undefined {
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: skip to its closing quote; a key when a colon follows.
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      let j = i + 1;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 58) keys++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < text.length && isNumberChar(text.charCodeAt(j))) j++;
      if (!SMALL_INTEGER.test(text.slice(i, j))) return undefined;
      i = j - 1;
    }
  }
  return { keys };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45; // digits . e E + -
}

/** Own keys of every object in parsed JSON (plain data: arrays and objects only). */
function countKeys(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countKeys(item);
    return count;
  }
  for (const key in value) count += 1 + countKeys((value as Record<string, unknown>)[key]);
  return count;
}
