import { CHECKS } from "../check/index.js";
import { compileRuleSet } from "../compile/compile-ruleset.js";
import type { Problem } from "../errors/problem.js";
import { LintFacts } from "./facts.js";
import { readRuleSet } from "../validate/read-ruleset.js";
import { fill, type Finding, type LintContext, type LintRule, type Severity } from "./rule.js";
import { constantCondition } from "./rules/constant-condition.js";
import { dominance } from "./rules/dominance.js";
import { effectiveDates } from "./rules/effective-dates.js";
import { nonPositivePrice } from "./rules/non-positive-price.js";
import { quotaAboveLimit } from "./rules/quota-above-limit.js";
import { unbuyableOption } from "./rules/unbuyable-option.js";
import { unusedAddon } from "./rules/unused-addon.js";
import { unusedMeter } from "./rules/unused-meter.js";
import { percentileOfOneValue } from "./rules/percentile-of-one-value.js";
import { commitmentAboveLimit } from "./rules/commitment-above-limit.js";
import { allotmentPerOptionalMeter } from "./rules/allotment-per-optional-meter.js";

/** Every lint rule. Validity checks (check/) come first and are always errors. */
export const LINT_RULES: readonly LintRule[] = [
  unusedMeter,
  unusedAddon,
  nonPositivePrice,
  quotaAboveLimit,
  commitmentAboveLimit,
  percentileOfOneValue,
  allotmentPerOptionalMeter,
  unbuyableOption,
  constantCondition,
  effectiveDates,
  dominance,
];

/**
 * Validation plus lint: syntax, schema and semantic problems (always errors, under the problem
 * code `validate` prints for them), then the lint rules at the severities the rule set configures.
 */
export function lintRuleSet(dir: string): Finding[] {
  const { files, problems } = readRuleSet(dir);
  if (!files) return problems.map(asFinding);
  const invalid = CHECKS.flatMap((check) => check.run(files).map(asFinding));
  if (invalid.length) return invalid;
  const config = files.root.doc.lint ?? {};
  const findings: Finding[] = [];
  for (const id of Object.keys(config)) {
    if (!LINT_RULES.some((rule) => rule.id === id)) {
      const source = files.root.source.locate(["lint", id], "key");
      findings.push({
        rule: "lint-config",
        severity: "error",
        message: `unknown lint rule "${id}"; rules: ${LINT_RULES.map((r) => r.id).join(", ")}`,
        path: ["lint", id],
        ...(source ? { source } : {}),
      });
    }
  }
  const context = { files, plan: compileRuleSet(files), facts: new LintFacts() };
  for (const rule of LINT_RULES) {
    const severity = config[rule.id] ?? rule.defaultSeverity;
    if (severity === "off") continue;
    for (const finding of findingsOf(rule, context, severity)) findings.push(finding);
  }
  return findings;
}

/** What one rule reports, each message filled from its template. */
function findingsOf<M extends string>(rule: LintRule<M>, context: LintContext, severity: Severity): Finding[] {
  const findings: Finding[] = [];
  rule.run(context, (messageId, data, where) => {
    const source = where.in.source.locate(where.path, where.on);
    findings.push({
      rule: rule.id,
      severity: severity,
      message: fill(rule.messages[messageId], data),
      path: where.path,
      ...(source ? { source } : {}),
    });
  });
  return findings;
}

function asFinding(problem: Problem): Finding {
  return {
    rule: problem.code,
    severity: "error",
    message: problem.message,
    path: problem.path,
    ...(problem.source ? { source: problem.source } : {}),
  };
}
