export type { RuleSet } from "./model/plan.js";
export { quote } from "./evaluate/quote.js";
export { parseUsage } from "./load/parse-usage.js";
export { BUNDLED_RULES_DIR, findRuleSets, ruleSetDirFor } from "./rulesets/find-rulesets.js";
export {
  loadRuleSet,
  loadRuleSetAsync,
  loadRuleSetFromData,
  loadRuleSetFromTexts,
  loadRuleSetWithFiles,
  validateRuleSet,
  validateRuleSetAsync,
  type RuleSetSourceOptions,
} from "./rulesets/load-ruleset.js";
