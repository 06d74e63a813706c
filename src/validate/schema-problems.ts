import type { ErrorObject } from "ajv";
import type { ProblemCode } from "../errors/codes.js";
import type { DocPath, Problem } from "../errors/problem.js";
import { pathText } from "../errors/problem.js";
import type { SourceDocument } from "../load/source-document.js";
import { clip } from "../guard/clip.js";
import { closest } from "../errors/closest.js";
import { numberHint, precisionHint } from "./number-hint.js";

/** Keywords whose errors, at a path where a `oneOf` failed, are only the noise of its branches. */
const BRANCH_NOISE = new Set([
  "oneOf",
  "type",
  "const",
  "enum",
  "pattern",
  "minimum",
  "format",
  "propertyNames",
  "minProperties",
  "maxProperties",
]);

/**
 * Turns ajv's errors into problems with positions. A failed `oneOf` produces one error per
 * branch; those are folded into a single problem at the value (or dropped when a deeper
 * error explains them), so an author reads one clear line per mistake.
 */
export function schemaProblems(all: readonly ErrorObject[], doc: SourceDocument): Problem[] {
  // A failed `if`/`then`/`else` only says which branch failed; that branch's own errors say how.
  const errors = withoutOtherBranches(all.filter((e) => e.keyword !== "if"));
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const group = byPath.get(error.instancePath) ?? [];
    group.push(error);
    byPath.set(error.instancePath, group);
  }
  const problems: Problem[] = [];
  for (const [instancePath, all] of byPath) {
    const path = toPath(instancePath, doc.data);
    const group = foldAnyOf(all, path, doc, problems);
    // ajv reports a nested oneOf before the one containing it: the last is the outermost.
    const failedOneOf = group.filter((e) => e.keyword === "oneOf").at(-1);
    if (!failedOneOf) {
      problems.push(...group.map((e) => problemFor(e, path, doc)));
      continue;
    }
    const both = bothAlternatives(failedOneOf);
    if (both) {
      problems.push(at(doc, path, "schema.invalid", `${pathText(path)} has ${both}; give one or the other`));
      continue;
    }
    const deeper = errors.some((e) => e.instancePath.startsWith(`${instancePath}/`));
    const explained = group.filter((e) => !BRANCH_NOISE.has(e.keyword));
    const required = explained.filter((e) => e.keyword === "required");
    const branches = new Set(required.map((e) => /\/oneOf\/(\d+)\//.exec(e.schemaPath)?.[1]));
    // Each branch missing its own key ("price", or "prices"): one problem naming the choice.
    if (branches.size > 1 && required.length === explained.length) {
      const names = [
        ...new Set(required.map((e) => `"${String((e.params as { missingProperty: string }).missingProperty)}"`)),
      ];
      problems.push(at(doc, path, "schema.required", `${pathText(path)} needs one of ${names.join(" or ")}`));
      continue;
    }
    problems.push(...explained.map((e) => problemFor(e, path, doc)));
    // A list of the wrong length is the mistake; "expected a number or a list" would only repeat it.
    const sized = explained.some((e) => e.keyword === "maxItems" || e.keyword === "minItems");
    if (!deeper && !sized) problems.push(foldedProblem(failedOneOf, group, path, doc));
  }
  return dedupe(problems);
}

/**
 * Where one branch of a `oneOf` or `anyOf` names every key of the object written (`{ charge: … }`
 * among `{ charge }` and `{ addon }`), the author meant that branch: only its errors are kept, and
 * the other branches' complaints ("missing addon", "unknown property charge") are dropped.
 */
function withoutOtherBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  let kept = [...errors];
  for (const choice of errors) {
    const chosen = branchByKeys(choice);
    if (chosen === undefined) continue;
    const branches = `${choice.schemaPath}/`;
    const inBranch = `${branches}${chosen.branch}/`;
    kept = kept.filter((e) => {
      if (e === choice) return false;
      if (e.schemaPath.startsWith(branches)) {
        // A key the author misspelt is reported once, as unknown with its likely name, not also as missing.
        const missing = e.keyword === "required" && chosen.misspelt.has(String(e.params.missingProperty));
        return e.schemaPath.startsWith(inBranch) && !missing;
      }
      // A branch behind a $ref (a number, a text) complains, in its own terms, of the object written.
      return !(e.instancePath === choice.instancePath && (BRANCH_NOISE.has(e.keyword) || e.keyword === "anyOf"));
    });
  }
  return kept;
}

/**
 * The one branch of a failed `oneOf`/`anyOf` (no branch passing) whose properties hold every key
 * written and whose required keys are all there; failing that, the one that does once misspelt
 * keys are read as the property each most likely means (`perday` → `perDay`), with those names.
 * Branches behind a `$ref` (a number, a text) are never the one: the value written is an object.
 */
function branchByKeys(choice: ErrorObject): { branch: number; misspelt: Set<string> } | undefined {
  if (choice.keyword !== "oneOf" && choice.keyword !== "anyOf") return undefined;
  const data: unknown = choice.data;
  if (!data || typeof data !== "object" || Array.isArray(data) || !Array.isArray(choice.schema)) return undefined;
  if (Array.isArray((choice.params as { passingSchemas?: unknown }).passingSchemas)) return undefined;
  const keys = Object.keys(data);
  const inline = (choice.schema as unknown[]).map((branch) =>
    branch && typeof branch === "object" && !Object.hasOwn(branch, "$ref")
      ? (branch as { properties?: object; required?: string[] })
      : {},
  );
  const fitting = (read: (key: string, known: string[]) => string | undefined) =>
    inline.flatMap(({ properties, required = [] }, branch) => {
      if (!properties) return [];
      const known = Object.keys(properties);
      const names = keys.map((key) => (known.includes(key) ? key : read(key, known)));
      return names.every((name) => name !== undefined) && required.every((k) => names.includes(k))
        ? [{ branch, misspelt: new Set(names.filter((name, i): name is string => name !== keys[i])) }]
        : [];
    });
  const exact = fitting(() => undefined);
  if (exact.length) return exact.length === 1 ? exact[0] : undefined;
  const near = fitting(closest);
  return near.length === 1 ? near[0] : undefined;
}

/** `"price" and "prices"`, when a `oneOf` of required alternatives failed because more than one is written. */
function bothAlternatives(oneOf: ErrorObject): string | undefined {
  const passing = (oneOf.params as { passingSchemas?: number[] | null }).passingSchemas;
  const branches = oneOf.schema as { required?: string[] }[];
  if (!Array.isArray(passing) || !Array.isArray(branches)) return undefined;
  const keys = passing.map((i) => branches[i]?.required);
  if (!keys.every((k): k is string[] => k !== undefined)) return undefined;
  return keys.map((k) => k.map((key) => `"${key}"`).join(", ")).join(" and ");
}

/**
 * A failed `anyOf` of `required` alternatives ("period and usage, or months") becomes one
 * problem naming the alternatives; its branch errors are dropped.
 */
function foldAnyOf(group: ErrorObject[], path: DocPath, doc: SourceDocument, problems: Problem[]): ErrorObject[] {
  const anyOf = group.find((e) => e.keyword === "anyOf");
  const branches = anyOf?.schema as { required?: string[] }[] | undefined;
  if (!anyOf || !branches?.every((b): b is { required: string[] } => b.required !== undefined)) return group;
  const alternatives = branches.map((b) => b.required.join(" and ")).join(", or ");
  problems.push(at(doc, path, "schema.required", `${pathText(path)} needs ${alternatives}`));
  return group.filter((e) => e !== anyOf && !e.schemaPath.startsWith(`${anyOf.schemaPath}/`));
}

function foldedProblem(oneOf: ErrorObject, group: ErrorObject[], path: DocPath, doc: SourceDocument): Problem {
  const operator = group.find((e) => e.keyword === "enum" && e.propertyName !== undefined);
  if (operator && String(oneOf.parentSchema?.description ?? "").startsWith("A JSON Logic")) {
    const allowed = (operator.schema as string[]).join(", ");
    return at(
      doc,
      path,
      "logic.operator",
      `operator "${operator.propertyName}" is not allowed in conditions; use one of: ${allowed}`,
      "key",
      [...path, operator.propertyName as string],
    );
  }
  const expected = firstSentence(String(oneOf.parentSchema?.description ?? "a valid value"));
  return at(
    doc,
    path,
    "schema.invalid",
    `${pathText(path)} is ${shown(oneOf.data)}; ${precisionHint(oneOf.data) ?? numberHint(oneOf.data) ?? `expected ${expected}`}`,
  );
}

function problemFor(error: ErrorObject, path: DocPath, doc: SourceDocument): Problem {
  const where = pathText(path);
  const params = error.params as Record<string, unknown>;
  // A key that breaks `propertyNames`: point at the key, and say it is one.
  if (error.propertyName !== undefined && ["pattern", "maxLength"].includes(error.keyword)) {
    const expected = firstSentence(
      String(error.parentSchema?.description ?? `text matching ${String(params.pattern)}`),
    );
    return at(
      doc,
      path,
      error.keyword === "pattern" ? "schema.pattern" : "schema.size",
      `${where} has the key ${shown(error.propertyName)}; expected ${expected}`,
      "key",
      [...path, error.propertyName],
    );
  }
  switch (error.keyword) {
    case "required":
      return at(
        doc,
        path,
        "schema.required",
        `${where} is missing the required property "${String(params.missingProperty)}"`,
      );
    case "additionalProperties": {
      const name = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const hint = closest(name, known);
      const suggestion = hint ? `; did you mean "${hint}"?` : known.length ? `; allowed: ${known.join(", ")}` : "";
      return at(
        doc,
        [...path, name],
        "schema.unknown-property",
        `unknown property "${name}" in ${where}${suggestion}`,
        "key",
      );
    }
    case "enum":
      return at(
        doc,
        path,
        "schema.enum",
        `${where} is ${shown(error.data)}; expected one of: ${(error.schema as unknown[]).join(", ")}`,
      );
    case "const":
      return at(doc, path, "schema.enum", `${where} is ${shown(error.data)}; expected ${shown(params.allowedValue)}`);
    case "discriminator":
      return at(doc, [...path, String(params.tag)], "schema.enum", discriminatorMessage(error, where));
    case "type":
      return at(doc, path, "schema.type", `${where} is ${shown(error.data)}; expected ${String(params.type)}`);
    case "pattern":
      return at(
        doc,
        path,
        "schema.pattern",
        `${where} is ${shown(error.data)}; ${(String(params.pattern).includes("\\.[0-9]{1,") ? precisionHint(error.data) : undefined) ?? numberHint(error.data) ?? `expected ${firstSentence(String(error.parentSchema?.description ?? `text matching ${String(params.pattern)}`))}`}`,
      );
    case "format":
      return at(
        doc,
        path,
        "schema.format",
        `${where} is ${shown(error.data)}; expected a ${String(params.format)} (YYYY-MM-DD)`,
      );
    case "minimum":
    case "maximum":
      return at(
        doc,
        path,
        "schema.range",
        `${where} is ${shown(error.data)}; it must be ${String(params.comparison)} ${String(params.limit)}`,
      );
    case "maxItems":
      return at(
        doc,
        path,
        "schema.size",
        `${where} has ${Array.isArray(error.data) ? error.data.length : "too many"} items; at most ${String(params.limit)} are allowed`,
      );
    case "minItems":
      return at(
        doc,
        path,
        "schema.size",
        `${where} has ${Array.isArray(error.data) ? error.data.length : "too few"} items; at least ${String(params.limit)} ${params.limit === 1 ? "is" : "are"} needed`,
      );
    case "minLength":
    case "maxLength":
    case "minProperties":
    case "maxProperties":
      return at(doc, path, "schema.size", `${where} ${error.message ?? "has the wrong size"}`);
    default:
      return at(doc, path, "schema.invalid", `${where} ${error.message ?? "is not valid"}`);
  }
}

function discriminatorMessage(error: ErrorObject, where: string): string {
  const branches = (error.parentSchema?.oneOf as { $ref: string }[] | undefined) ?? [];
  const names = branches.map((b) => b.$ref.replace(/^.*\/(\w+?)Price$/, "$1"));
  const tag = String((error.params as { tag: string }).tag);
  return `${where}.${tag} is missing or unknown; expected one of the pricing models (${names.map(kebab).join(", ")})`;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function at(
  doc: SourceDocument,
  path: DocPath,
  code: ProblemCode,
  message: string,
  on: "value" | "key" = "value",
  locatePath: DocPath = path,
): Problem {
  const source = doc.locate(locatePath, on);
  return source ? { code, message, path, source } : { code, message, path };
}

/** JSON pointer → path, with array indexes as numbers. */
function toPath(pointer: string, data: unknown): DocPath {
  if (!pointer) return [];
  const path: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split("/")) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    // eslint-disable-next-line ratecard/no-float-money -- an array index
    const key = Array.isArray(node) ? Number(part) : part;
    path.push(key);
    node = node && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return path;
}

function shown(value: unknown): string {
  if (value === undefined) return "missing";
  return clip(JSON.stringify(value));
}

function firstSentence(text: string): string {
  const sentence = text.split(/(?<=\.)\s/)[0] ?? text;
  return sentence.charAt(0).toLowerCase() + sentence.slice(1).replace(/\.$/, "");
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code} ${pathText(p.path)} ${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
