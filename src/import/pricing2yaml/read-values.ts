import type { DocPath } from "../../errors/problem.js";
import type { Issues } from "./issues.js";

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A mapping, or null/absent as an empty one; anything else is reported and read as empty. */
export function mappingAt(value: unknown, path: DocPath, issues: Issues): Mapping {
  if (value === undefined || value === null) return {};
  if (isMapping(value)) return value;
  issues.add("import.invalid", path, `${path.join(".")} must be a mapping, not ${kindOf(value)}`);
  return {};
}

/** A list of names (strings); other entries are reported and left out. */
export function namesAt(value: unknown, path: DocPath, issues: Issues): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    issues.add("import.invalid", path, `${path.join(".")} must be a list of names, not ${kindOf(value)}`);
    return undefined;
  }
  const names: string[] = [];
  value.forEach((entry, i) => {
    if (typeof entry === "string" && entry !== "") names.push(entry);
    else issues.add("import.invalid", [...path, i], `${[...path, i].join(".")} must be a name, not ${kindOf(entry)}`);
  });
  return names;
}

/** Non-empty text, trimmed; numbers and booleans are not text here. */
export function textOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return text === "" ? undefined : text;
}

const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** A number as exact decimal text (the loader keeps decimals as their source text), else undefined. */
export function decimalText(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && DECIMAL.test(value.trim())) return value.trim();
  return undefined;
}

/** YAML's infinity, which Pricing2Yaml uses for "no limit". */
export function isInfinity(value: unknown): boolean {
  return value === Infinity || (typeof value === "string" && /^\+?\.inf$/i.test(value.trim()));
}

export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === "number" || typeof value === "boolean" ? `${typeof value} ${value}` : typeof value;
}
