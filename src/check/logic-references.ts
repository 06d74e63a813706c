import type { DocPath, Problem } from "../errors/problem.js";
import type { Sourced } from "../validate/read-ruleset.js";
import { eligibilityRulePaths, type ModeDoc } from "../model/document.js";
import { builtInSegment, varPaths } from "../logic/compile-logic.js";
import { didYouMean, listed } from "../errors/format.js";
import { clip } from "../guard/clip.js";
import { idsOf, problemIn, type Check } from "./context.js";

/** Data a condition may read, by where the condition stands. */
const APP_ONLY = ["app", "period"];
const ADDON_SCOPE = ["app", "period", "mode", "edition", "addons", "usage"];

/** Conditions read only data that exists, and name only editions and add-ons that exist. */
export const logicReferences: Check = {
  id: "logic-references",
  description:
    "JSON Logic conditions read known data (app facts, period, mode, edition, add-ons) and compare editions and add-ons with ids that exist.",
  run({ root, modes }) {
    const problems: Problem[] = [];
    root.doc.selection.rules?.forEach((rule, i) =>
      checkVars(root, rule.when, ["selection", "rules", i, "when"], APP_ONLY, problems),
    );
    for (const mode of modes) {
      if (mode.doc.available) checkVars(mode, mode.doc.available.when, ["available", "when"], APP_ONLY, problems);
      mode.doc.addons?.forEach((addon, i) => {
        for (const { rule, path } of eligibilityRulePaths(addon)) {
          const at = ["addons", i, ...path, "when"];
          checkVars(mode, rule.when, at, ADDON_SCOPE, problems);
          checkIds(mode, rule.when, at, problems);
        }
      });
    }
    return problems;
  },
};

function checkVars(
  sourced: Sourced<unknown>,
  rule: unknown,
  path: DocPath,
  scope: string[],
  problems: Problem[],
): void {
  for (const variable of varPaths(rule)) {
    if (variable === null) {
      problems.push(
        problemIn(
          sourced,
          path,
          "logic.var",
          "a condition reads a variable whose name is computed; write the path as text, e.g. { var: app.region }",
        ),
      );
      continue;
    }
    const head = variable.split(".")[0] ?? "";
    const builtIn = builtInSegment(variable);
    if (!scope.includes(head)) {
      problems.push(
        problemIn(
          sourced,
          path,
          "logic.var",
          `condition reads "${clip(variable)}", which is not available here; it may read: ${scope.join(", ")}`,
        ),
      );
    } else if (builtIn !== undefined) {
      problems.push(
        problemIn(
          sourced,
          path,
          "logic.var",
          `condition reads "${clip(variable)}": "${builtIn}" is a name every JavaScript value has, which JSON Logic would read even where the data has none; rename the fact or add-on`,
        ),
      );
    }
  }
}

/** Literals compared with `edition` must be editions; `addons.<id>` must name an add-on. */
function checkIds(mode: Sourced<ModeDoc>, rule: unknown, path: DocPath, problems: Problem[]): void {
  const editions = idsOf(mode.doc, "editions");
  const addons = idsOf(mode.doc, "addons");
  const meters = idsOf(mode.doc, "meters");
  for (const variable of varPaths(rule)) {
    const [head, id] = (variable ?? "").split(".");
    if (head === "usage" && id && !meters.includes(id)) {
      problems.push(
        problemIn(
          mode,
          path,
          "ref.unknown-meter",
          `condition reads usage "${id}", which mode ${mode.doc.id} does not meter; ${didYouMean(id, meters)}known: ${listed(meters)}`,
        ),
      );
    }
    if (head === "addons" && id && !addons.includes(id)) {
      problems.push(
        problemIn(
          mode,
          path,
          "ref.unknown-addon",
          `condition reads add-on "${id}", which mode ${mode.doc.id} does not define; ${didYouMean(id, addons)}known: ${listed(addons)}`,
        ),
      );
    }
  }
  for (const literal of editionLiterals(rule)) {
    if (!editions.includes(literal)) {
      problems.push(
        problemIn(
          mode,
          path,
          "ref.unknown-edition",
          `condition compares the edition with "${literal}", which mode ${mode.doc.id} does not define; ${didYouMean(literal, editions)}known: ${listed(editions)}`,
        ),
      );
    }
  }
}

/** String literals that appear as operands beside `{ var: edition }`. */
function editionLiterals(rule: unknown): string[] {
  if (Array.isArray(rule)) return rule.flatMap(editionLiterals);
  if (rule === null || typeof rule !== "object") return [];
  const operands: unknown = Object.values(rule)[0];
  if (!Array.isArray(operands)) return editionLiterals(operands);
  const readsEdition = operands.some((o) => o && typeof o === "object" && (o as { var?: unknown }).var === "edition");
  const own = readsEdition
    ? operands.flatMap((o) =>
        typeof o === "string" ? [o] : Array.isArray(o) ? o.filter((x): x is string => typeof x === "string") : [],
      )
    : [];
  return [...own, ...operands.flatMap(editionLiterals)];
}
