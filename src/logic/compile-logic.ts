import type { LogicOperator } from "./operators.js";

/** A compiled rule: called once per quote, with no re-reading of the rule. Its value is JSON Logic's, not yet a truth. */
export type Condition = (data: unknown) => unknown;

/** A compiled condition: whether the rule's value is true by JSON Logic's truthiness. */
export type Predicate = (data: unknown) => boolean;

type Args = Condition[];
type Build = (args: Args) => Condition;

/** JSON Logic's notion of truth: empty arrays are false, otherwise JavaScript's. */
function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

const OPERATORS: Record<Exclude<LogicOperator, "var" | "missing">, Build> = {
  "==":
    ([a, b]) =>
    (d) =>
      call(a, d) == call(b, d),
  "!=":
    ([a, b]) =>
    (d) =>
      call(a, d) != call(b, d),
  "===":
    ([a, b]) =>
    (d) =>
      call(a, d) === call(b, d),
  "!==":
    ([a, b]) =>
    (d) =>
      call(a, d) !== call(b, d),
  "!":
    ([a]) =>
    (d) =>
      !truthy(call(a, d)),
  "!!":
    ([a]) =>
    (d) =>
      truthy(call(a, d)),
  and: (args) => (d) => {
    let value: unknown;
    for (const arg of args) if (!truthy((value = arg(d)))) return value;
    return value;
  },
  or: (args) => (d) => {
    let value: unknown;
    for (const arg of args) if (truthy((value = arg(d)))) return value;
    return value;
  },
  if: (args) => (d) => {
    let i = 0;
    for (; i + 1 < args.length; i += 2) if (truthy(call(args[i], d))) return call(args[i + 1], d);
    return i < args.length ? call(args[i], d) : null;
  },
  "<": compare((x, y) => x < y),
  "<=": compare((x, y) => x <= y),
  ">":
    ([a, b]) =>
    (d) =>
      (call(a, d) as number) > (call(b, d) as number),
  ">=":
    ([a, b]) =>
    (d) =>
      (call(a, d) as number) >= (call(b, d) as number),
  in:
    ([a, b]) =>
    (d) => {
      const haystack = call(b, d);
      // As json-logic-js: nothing is in an empty string (a falsy haystack), "" is in any other.
      return (
        ((typeof haystack === "string" && haystack !== "") || Array.isArray(haystack)) &&
        haystack.indexOf(call(a, d) as never) !== -1
      );
    },
};

/** `<` and `<=` take two operands, or three for "between" (a third whose value is undefined, such as `{ or: [] }`, counts as none). */
function compare(test: (x: number, y: number) => boolean): Build {
  return ([a, b, c]) =>
    (d) => {
      const x = call(a, d) as number;
      const y = call(b, d) as number;
      const z = call(c, d) as number | undefined;
      return z === undefined ? test(x, y) : test(x, y) && test(y, z);
    };
}

function call(condition: Condition | undefined, data: unknown): unknown {
  return condition ? condition(data) : undefined;
}

/** Compiles a schema-valid JSON Logic rule used as a condition: `[]`, `0`, `""` and `null` are false, as in json-logic-js. */
export function compileCondition(rule: unknown): Predicate {
  const value = compileLogic(rule);
  return (data) => truthy(value(data));
}

/** Compiles a schema-valid JSON Logic rule into a closure. */
export function compileLogic(rule: unknown): Condition {
  if (Array.isArray(rule)) {
    const items = rule.map(compileLogic);
    return (d) => items.map((item) => item(d));
  }
  if (rule === null || typeof rule !== "object") return () => rule;
  const [operator, raw] = Object.entries(rule)[0] ?? [];
  const operands = Array.isArray(raw) ? raw : [raw];
  if (operator === "var") return compileVar(operands);
  if (operator === "missing") return compileMissing(operands.map(compileLogic));
  const build = OPERATORS[operator as keyof typeof OPERATORS];
  if (!build) throw new Error(`JSON Logic operator ${String(operator)} is not allowed`);
  return build(operands.map(compileLogic));
}

function compileVar(operands: unknown[]): Condition {
  const [pathRule, fallbackRule] = operands.map(compileLogic);
  const path = operands[0];
  // As json-logic-js: no fallback, or one whose value is undefined (such as { or: [] }), is null.
  const fallback = (d: unknown) => call(fallbackRule, d) ?? null;
  // A literal path (the usual case) is split once, here, not on every evaluation.
  if (typeof path === "string" && path !== "") {
    const keys = path.split(".");
    return (d) => readKeys(d, keys, fallback(d));
  }
  return (d) => readVar(d, call(pathRule, d), fallback(d));
}

function readVar(data: unknown, path: unknown, fallback: unknown): unknown {
  if (path === null || path === undefined || path === "") return data;
  return readKeys(data, (typeof path === "string" ? path : JSON.stringify(path)).split("."), fallback);
}

function readKeys(data: unknown, keys: readonly string[], fallback: unknown): unknown {
  let value: unknown = data;
  for (const key of keys) {
    // Own data only (a character of a string included, as json-logic-js reads it); built-in names such as
    // constructor or __proto__, which json-logic-js would find on every value, are refused by the checks.
    if (value === null || value === undefined || !Object.hasOwn(Object(value) as object, key)) return fallback;
    value = (value as Record<string, unknown>)[key];
  }
  return value === undefined ? fallback : value;
}

function compileMissing(operands: Condition[]): Condition {
  return (d) => {
    const keys = operands.flatMap((operand) => operand(d) as string | string[]);
    return keys.filter((key) => {
      const value = readVar(d, key, null);
      return value === null || value === "";
    });
  };
}

/**
 * Every path a rule reads (by `var`, or named by `missing`), for reference checks; a path computed
 * by another rule, or not written as text, is `null`.
 */
export function varPaths(rule: unknown): (string | null)[] {
  if (Array.isArray(rule)) return rule.flatMap(varPaths);
  if (rule === null || typeof rule !== "object") return [];
  const [operator, raw] = Object.entries(rule)[0] ?? [];
  if (operator === "var") {
    const first: unknown = Array.isArray(raw) ? raw[0] : raw;
    return [typeof first === "string" ? first : null, ...(Array.isArray(raw) ? varPaths(raw.slice(1)) : [])];
  }
  if (operator === "missing")
    return (Array.isArray(raw) ? raw : [raw]).map((key) => (typeof key === "string" ? key : null));
  return varPaths(raw);
}

/** Names every value has in JavaScript (constructor, length, toString…): json-logic-js's `var` finds them even where the data has none. */
const BUILT_IN_NAMES: ReadonlySet<string> = new Set(
  [Object.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype].flatMap((proto) =>
    Object.getOwnPropertyNames(proto),
  ),
);

/** The first segment of a path that names a built-in property, if one does. */
export function builtInSegment(path: string): string | undefined {
  return path.split(".").find((segment) => BUILT_IN_NAMES.has(segment));
}
