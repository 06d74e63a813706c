import { clip } from "../guard/clip.js";

const KEY = /^(\s*)(-\s+)?([^\s:#-][^:#]*?|"[^"]*"|'[^']*'):(\s|$)/;

/** A key that starts a line: its column and name, and the line it is on (1-based). */
interface OpenKey {
  column: number;
  name: string;
  line: number;
}

/**
 * The words for a YAML indentation error at `offset`: which line is off, by how much, and the
 * indents that would put it beside a key above it. YAML's own messages ("All mapping items must
 * start at the same column") say what rule broke, not what to indent under what.
 */
export function indentAdvice(
  text: string,
  offset: number,
  valueOnKeyLine: boolean,
): { message: string; line: number; col: number } | undefined {
  const lines = text.split(/\r?\n/);
  let index = text.slice(0, offset).split(/\r?\n/).length - 1;
  // The error may point into the line above (a key whose value is followed by an indented line).
  if (valueOnKeyLine) index = nextContentLine(lines, index + 1);
  const line = lines[index];
  if (line === undefined) return undefined;
  const indent = line.length - line.trimStart().length;
  const keys = openKeys(lines, index);
  if (!keys.length) return undefined;
  const choices = keys
    .filter((key) => key.column !== indent)
    .slice(0, 3)
    .map((key) => `${key.column} to go with "${clip(key.name, 30)}" (line ${key.line})`);
  if (!choices.length) return undefined;
  const parent = valueOnKeyLine ? `; the line above already has a value, so it cannot hold keys` : "";
  const message = `line ${index + 1} ("${clip(line.trim(), 40)}") is indented ${indent} space${indent === 1 ? "" : "s"}, which lines up with no key above it${parent}: indent it ${choices.join(", or ")}`;
  return { message, line: index + 1, col: indent + 1 };
}

/**
 * The words for a plain value holding ": " (`description: counted as calls: GET`), which YAML reads
 * as a second key on the line and reports as a nested mapping; undefined when the line at
 * `offset` is not such a key and value. The advice is to quote the value.
 */
export function colonAdvice(text: string, offset: number): { message: string; line: number; col: number } | undefined {
  const index = text.slice(0, offset).split(/\r?\n/).length - 1;
  const line = text.split(/\r?\n/)[index];
  const match = line === undefined ? null : KEY.exec(line);
  if (!line || !match) return undefined;
  const value = line.slice(match[0].length).trimStart();
  // A quoted or flow value, or a comment, is not a plain one.
  if (value === "" || "\"'{[#|>&*!".includes(value.charAt(0))) return undefined;
  const colon = /:(\s|$)/.exec(value);
  if (!colon) return undefined;
  const key = (match[3] ?? "").trim();
  const start = line.length - line.trimStart().length;
  const quoted = JSON.stringify(value.replace(/\s+#.*$/, ""));
  return {
    message: `line ${index + 1}: the value of "${clip(key, 30)}" holds ": " ("${clip(value.slice(0, colon.index + 1), 40)}"), which YAML reads as another key; put the value in quotes: ${clip(key, 30)}: ${clip(quoted, 80)}`,
    line: index + 1,
    col: start + 1,
  };
}

/** The keys a new line could stand beside: the nearest key above and each enclosing one, nearest first. */
function openKeys(lines: readonly string[], index: number): OpenKey[] {
  const keys: OpenKey[] = [];
  let limit = Infinity;
  const from = Math.max(index - 500, 0);
  for (const [k, text] of [...lines.slice(from, index).entries()].reverse()) {
    const match = KEY.exec(text);
    if (!match) continue;
    const [, spaces = "", dash = "", name = ""] = match;
    const column = spaces.length + dash.length;
    if (column >= limit) continue;
    keys.push({ column, name: name.trim(), line: from + k + 1 });
    limit = column;
    if (column === 0) break;
  }
  return keys;
}

function nextContentLine(lines: readonly string[], from: number): number {
  const next = lines.findIndex((line, i) => i >= from && line.trim() !== "" && !line.trim().startsWith("#"));
  return next < 0 ? Math.max(from, lines.length) : next;
}
