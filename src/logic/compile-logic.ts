import type { LogicOperator } from "./operators.js";

/** A compiled condition: called once per quote, with no re-reading of the rule. */
export type Condition = (data: unknown) => unknown;

type Args = Condition[];
type Build = (args: Args) => Condition;

/** JSON Logic's notion of truth: empty arrays are false, otherwise JavaScript's. */
export function truthy(value: unknown): boolean {
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
      return (typeof haystack === "string" || Array.isArray(haystack)) && haystack.indexOf(call(a, d) as never) !== -1;
    },
};

/** `<` and `<=` take two operands, or three for "between". */
function compare(test: (x: number, y: number) => boolean): Build {
  return ([a, b, c]) =>
    (d) => {
      const x = call(a, d) as number;
      const y = call(b, d) as number;
      return c === undefined ? test(x, y) : test(x, y) && test(y, call(c, d) as number);
    };
}

function call(condition: Condition | undefined, data: unknown): unknown {
  return condition ? condition(data) : undefined;
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
  // A literal path (the usual case) is split once, here, not on every evaluation.
  if (typeof path === "string" && path !== "") {
    const keys = path.split(".");
    return (d) => readKeys(d, keys, fallbackRule ? fallbackRule(d) : null);
  }
  return (d) => readVar(d, call(pathRule, d), fallbackRule ? fallbackRule(d) : null);
}

function readVar(data: unknown, path: unknown, fallback: unknown): unknown {
  if (path === null || path === undefined || path === "") return data;
  return readKeys(data, (typeof path === "string" ? path : JSON.stringify(path)).split("."), fallback);
}

function readKeys(data: unknown, keys: readonly string[], fallback: unknown): unknown {
  let value: unknown = data;
  for (const key of keys) {
    // Own data only: a path such as app.constructor or app.__proto__ finds nothing.
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return fallback;
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

/** Every `var` path a rule reads, for reference checks; a path computed by another rule is `null`. */
export function varPaths(rule: unknown): (string | null)[] {
  if (Array.isArray(rule)) return rule.flatMap(varPaths);
  if (rule === null || typeof rule !== "object") return [];
  const [operator, raw] = Object.entries(rule)[0] ?? [];
  if (operator === "var") {
    const first: unknown = Array.isArray(raw) ? raw[0] : raw;
    return [typeof first === "string" ? first : null, ...(Array.isArray(raw) ? varPaths(raw.slice(1)) : [])];
  }
  return varPaths(raw);
}
