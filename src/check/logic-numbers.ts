import type { DocPath, Problem } from "../errors/problem.js";
import type { Sourced } from "../validate/read-ruleset.js";
import { eligibilityRulePaths } from "../model/document.js";
import { clip } from "../guard/clip.js";
import { problemIn, type Check } from "./context.js";

/** Text the loader leaves for a YAML number it keeps exact: a decimal, an exponent, ±.inf, .nan, or an integer past 2^53. */
const NUMBER_TEXT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/;

/** Operators that compare a string with a number as the number it spells, as JSON Logic compares two numbers. */
const NUMERIC = new Set(["<", "<=", ">", ">=", "==", "!="]);

/**
 * A number in a condition is read as exact text (0.5 → "0.5"), where json-logic-js sees a number:
 * the two agree only where JavaScript turns the text back into that number, that is as an operand
 * of <, <=, >, >=, == or != beside numbers (a usage value, an add-on's quantity, a whole number).
 * Anywhere else (===, in, truthiness, beside text) the condition would not mean what JSON Logic
 * says, so it is refused.
 */
export const logicNumbers: Check = {
  id: "logic-numbers",
  description:
    "Decimal numbers in conditions stand only where they compare as numbers: beside usage values, add-on quantities or whole numbers in <, <=, >, >=, == or !=.",
  run({ root, modes }) {
    const problems: Problem[] = [];
    root.doc.selection.rules?.forEach((rule, i) =>
      findTexts(root, rule.when, ["selection", "rules", i, "when"], undefined, problems),
    );
    for (const mode of modes) {
      if (mode.doc.available) findTexts(mode, mode.doc.available.when, ["available", "when"], undefined, problems);
      mode.doc.addons?.forEach((addon, i) => {
        for (const { rule, path } of eligibilityRulePaths(addon))
          findTexts(mode, rule.when, ["addons", i, ...path, "when"], undefined, problems);
      });
    }
    return problems;
  },
};

/** The operator a value is a direct operand of, with its operands. */
interface Parent {
  operator: string;
  operands: readonly unknown[];
}

/** Whether text is what the loader left for a YAML number (a whole number within 2^53 stays a number, so such text was quoted). */
function isNumberText(text: string): boolean {
  // eslint-disable-next-line ratecard/no-float-money -- a condition's number, as JSON Logic reads it, not money
  return NUMBER_TEXT.test(text) && !(/^[-+]?[0-9]+$/.test(text) && Number.isSafeInteger(Number(text)));
}

function findTexts(
  sourced: Sourced<unknown>,
  rule: unknown,
  path: DocPath,
  parent: Parent | undefined,
  problems: Problem[],
): void {
  if (typeof rule === "string" && isNumberText(rule)) {
    if (
      !parent ||
      !NUMERIC.has(parent.operator) ||
      !parent.operands.every((operand) => operand === rule || readsNumber(operand))
    ) {
      problems.push(
        problemIn(
          sourced,
          path,
          "logic.number",
          `condition holds the number ${clip(rule)}, which ratecard reads as exact text and JSON Logic as a number; they agree only in <, <=, >, >=, == or != beside usage values, add-on quantities or whole numbers`,
        ),
      );
    }
    return;
  }
  if (Array.isArray(rule)) {
    rule.forEach((item, i) => findTexts(sourced, item, [...path, i], undefined, problems));
    return;
  }
  if (rule === null || typeof rule !== "object") return;
  const [operator, raw] = Object.entries(rule)[0] ?? [];
  if (operator === undefined || operator === "missing") return;
  const operands: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (operator === "var") {
    // The path is text either way; a fallback is a value, compared wherever the read is.
    if (Array.isArray(raw) && raw.length > 1) findTexts(sourced, raw[1], [...path, operator, 1], undefined, problems);
    return;
  }
  operands.forEach((operand, i) =>
    findTexts(
      sourced,
      operand,
      Array.isArray(raw) ? [...path, operator, i] : [...path, operator],
      { operator, operands },
      problems,
    ),
  );
}

/** Whether an operand is a number for sure: a whole number, or a read of a usage value or an add-on's quantity. */
function readsNumber(operand: unknown): boolean {
  if (typeof operand === "number") return true;
  if (operand === null || typeof operand !== "object" || Array.isArray(operand)) return false;
  const [operator, raw] = Object.entries(operand)[0] ?? [];
  const path: unknown = operator === "var" ? (Array.isArray(raw) ? raw[0] : raw) : undefined;
  return typeof path === "string" && (/^usage\.[^.]+$/.test(path) || /^addons\.[^.]+\.quantity$/.test(path));
}
