import type { ProblemCode } from "../errors/codes.js";
import { pathText, type DocPath } from "../errors/problem.js";
import { fail, isMapping, kindOf, RatecardError } from "../errors/ratecard-error.js";
import { clip } from "../guard/clip.js";
import { LIMITS } from "../guard/limits.js";
import { groupText } from "../money/format.js";

/** Why a value is not plain data within the limits, and where. */
export interface ShapeProblem {
  code: Extract<ProblemCode, "input.depth" | "input.size" | "input.type">;
  message: string;
  path: DocPath;
}

/** Where the walk is: the path and the containers above the value (to tell a cycle), and the values seen so far. */
interface Walk {
  path: (string | number)[];
  ancestors: object[];
  values: number;
}

/**
 * Checks that `data` is plain JSON-like data within LIMITS — null, booleans, finite numbers,
 * strings, arrays and plain objects, acyclic, not too deep, long or wide, and at most
 * LIMITS.entries values in all (so shared sub-objects cannot make a small object walk forever)
 * — before anything else reads it. Sizes are checked before iteration, so a sparse array of
 * length 2^32−1 costs nothing. Returns the first problem found (one is enough to refuse a
 * document), or undefined.
 */
export function checkPlainData(data: unknown): ShapeProblem | undefined {
  try {
    return visit(data, { path: [], ancestors: [], values: 0 });
  } catch {
    // A getter or proxy that throws: not plain data.
    return { code: "input.type", message: "the document cannot be read as plain data", path: [] };
  }
}

function visit(value: unknown, walk: Walk): ShapeProblem | undefined {
  if (++walk.values > LIMITS.entries)
    return refused(
      "input.size",
      walk.path,
      `is past the ${groupText(String(LIMITS.entries))} values a document may hold`,
    );
  switch (typeof value) {
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value)
        ? undefined
        : refused("input.type", walk.path, `is ${String(value)}; numbers must be finite`);
    case "string":
      return value.length > LIMITS.stringChars
        ? refused("input.size", walk.path, `is ${chars(value.length)} long; the limit is ${chars(LIMITS.stringChars)}`)
        : undefined;
    case "object":
      if (value === null) return undefined;
      // Containers are at most LIMITS.depth deep, so searching the ones above is a few comparisons.
      if (walk.ancestors.includes(value)) return refused("input.type", walk.path, "refers to itself (a cycle)");
      if (walk.path.length >= LIMITS.depth)
        return refused("input.depth", walk.path, `is nested more than ${LIMITS.depth} levels deep`);
      return Array.isArray(value) ? visitArray(value, walk) : visitObject(value, walk);
    default:
      return refused(
        "input.type",
        walk.path,
        `is a ${typeof value}; expected plain data (numbers, strings, booleans, lists, mappings)`,
      );
  }
}

function visitArray(items: unknown[], walk: Walk): ShapeProblem | undefined {
  const { path } = walk;
  if (items.length > LIMITS.arrayItems)
    return refused(
      "input.size",
      path,
      `has ${groupText(String(items.length))} items; the limit is ${groupText(String(LIMITS.arrayItems))}`,
    );
  walk.ancestors.push(items);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // Daily values: a finite number needs only counting, not a walk.
    if (typeof item === "number" && Number.isFinite(item) && ++walk.values <= LIMITS.entries) continue;
    // One path, extended and cut back as the walk goes (copied only into a problem): no array per value.
    path.push(i);
    const problem =
      item === undefined ? refused("input.type", path, "is empty; a list holds values") : visit(item, walk);
    path.pop();
    if (problem) return problem;
  }
  walk.ancestors.pop();
  return undefined;
}

function visitObject(object: object, walk: Walk): ShapeProblem | undefined {
  const { path } = walk;
  const prototype = Object.getPrototypeOf(object) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    const kind = (object as { constructor?: { name?: unknown } }).constructor?.name;
    return refused(
      "input.type",
      path,
      `is a ${typeof kind === "string" ? clip(kind) : "non-plain object"}; expected a plain mapping`,
    );
  }
  const keys = Object.keys(object);
  if (keys.length > LIMITS.mapKeys)
    return refused(
      "input.size",
      path,
      `has ${groupText(String(keys.length))} keys; the limit is ${groupText(String(LIMITS.mapKeys))}`,
    );
  walk.ancestors.push(object);
  for (const key of keys) {
    if (key.length > LIMITS.stringChars)
      return refused(
        "input.size",
        path,
        `has a key ${chars(key.length)} long; the limit is ${chars(LIMITS.stringChars)}`,
      );
    const item = (object as Record<string, unknown>)[key];
    // An absent optional property written by a program ({ edition: undefined }) is no value at all.
    path.push(key);
    const problem = item === undefined ? undefined : visit(item, walk);
    path.pop();
    if (problem) return problem;
  }
  walk.ancestors.pop();
  return undefined;
}
function refused(code: ShapeProblem["code"], path: (string | number)[], what: string): ShapeProblem {
  const where = path.length ? pathText(path) : "the document";
  return { code, message: `${where} ${what}`, path: [...path] };
}

function chars(count: number): string {
  return `${groupText(String(count))} characters`;
}

/** Throws unless a document passed in memory is a mapping of plain data within the limits. */
export function assertDocument(value: unknown, name = "usage"): asserts value is object {
  if (!isMapping(value))
    fail(
      "api.argument",
      `${name} must be a usage document (a mapping with ruleset, period and usage), not ${kindOf(value)}`,
    );
  const shape = checkPlainData(value);
  if (shape) throw new RatecardError([shape]);
}
