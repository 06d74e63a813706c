import { LIMITS } from "../guard/limits.js";
import type { DocPath, SourcePosition } from "../errors/problem.js";
import { checkPlainData } from "./plain-data.js";

/**
 * Values a document may hold and still skip the plain-data walk: below every per-container
 * limit, so a count over the whole text bounds each list and mapping too.
 */
const TRUSTED_VALUES = Math.min(LIMITS.arrayItems, LIMITS.mapKeys, LIMITS.entries);

/** A document that locates its values: what source-document.ts makes of this (a SourceDocument). */
interface Located {
  file: string;
  data: unknown;
  locate(path: DocPath, at?: "value" | "key"): SourcePosition | undefined;
}

/**
 * JSON text read with JSON.parse, for speed, when that gives exactly the data the YAML path
 * would: no duplicate keys (JSON.parse keeps the last silently; the YAML path refuses them),
 * decimals and integers past 2^53 as their source text (JSON.parse would round them; the
 * text is quoted before parsing), and plain data within the limits. Otherwise, or when the
 * text is not JSON, undefined: the caller parses it as YAML. Source positions are recovered
 * only when a problem needs one, by parsing the text again.
 */
export function parseJson(text: string, file: string, slowPath: () => Located): Located | undefined {
  const first = text.trimStart().charCodeAt(0);
  if (first !== 123 && first !== 91) return undefined; // { [
  const scan = scanJson(text);
  if (!scan) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(scan.exact.length ? quoteNumbers(text, scan.exact) : text);
  } catch {
    return undefined;
  }
  // A small document's scan already proved it plain data within the limits; a larger one is walked.
  if ((scan.values > TRUSTED_VALUES && checkPlainData(data)) || countKeys(data) !== scan.keys) return undefined;
  let located: Located | undefined;
  return { file, data, locate: (path, at) => (located ??= slowPath()).locate(path, at) };
}

/** One pass over JSON text: its keys and values counted, and the numbers JSON.parse would not keep exact. */
interface JsonScan {
  keys: number;
  values: number;
  /** Start and end offsets of each number to read as its text. */
  exact: { start: number; end: number }[];
}

/**
 * Scans JSON text the way checkPlainData walks data: undefined when it is nested too deeply,
 * holds too many values or too long a string (the YAML path then reports where). Strings are
 * measured as written, escapes included, which is never shorter than their value. In valid JSON
 * (anything else fails JSON.parse after) each key is the string before a colon, so keys are
 * counted as colons and values as every other string, number, literal and container.
 */
function scanJson(text: string): JsonScan | undefined {
  let colons = 0;
  let others = 0;
  let strings = 0;
  let depth = 0;
  const exact: { start: number; end: number }[] = [];
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: to its closing quote, an escaped character skipped with its backslash. A
      // character loop: a usage document's strings are short, and indexOf costs a call each.
      const start = i;
      for (i++; i < length; i++) {
        const d = text.charCodeAt(i);
        if (d === 34) break;
        if (d === 92) i++;
      }
      if (i - start - 1 > LIMITS.stringChars) return undefined;
      strings++;
    } else if (c === 58) {
      colons++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < length && isNumberChar(text.charCodeAt(j))) j++;
      if (!isSafeInteger(text, i, j)) exact.push({ start: i, end: j });
      others++;
      i = j - 1;
    } else if (c === 123 || c === 91) {
      others++;
      if (++depth > LIMITS.depth) return undefined;
    } else if (c === 125 || c === 93) {
      depth--;
    } else if (c === 116 || c === 102 || c === 110) {
      others++; // true, false, null
    }
  }
  const values = strings - colons + others;
  return values > LIMITS.entries ? undefined : { keys: colons, values, exact };
}

/** The largest integer a JavaScript number holds exactly (2^53 − 1), as digits. */
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);

/**
 * An integer JSON.parse reads exactly and the YAML path reads as a number: digits only, below
 * 2^53 in magnitude (compared as digit strings of equal length).
 */
function isSafeInteger(text: string, start: number, end: number): boolean {
  const digits = start + (text.charCodeAt(start) === 45 ? 1 : 0);
  for (let i = digits; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const length = end - digits;
  return (
    length < MAX_SAFE_DIGITS.length || (length === MAX_SAFE_DIGITS.length && text.slice(digits, end) <= MAX_SAFE_DIGITS)
  );
}

/** The text with each number at the given offsets in quotes: JSON.parse then keeps its digits. */
function quoteNumbers(text: string, exact: readonly { start: number; end: number }[]): string {
  let quoted = "";
  let from = 0;
  for (const { start, end } of exact) {
    quoted += `${text.slice(from, start)}"${text.slice(start, end)}"`;
    from = end;
  }
  return quoted + text.slice(from);
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
