/**
 * ratecard: a rules-as-data pricing DSL and evaluator.
 *
 * ```ts
 * const ruleSet = loadRuleSet("rules/my-product");
 * const q = quote(ruleSet, { ruleset: "my-product", period: "2026-10", edition: "plus", usage: { calls: 12000 } });
 * q.total; // e.g. "14.00": a decimal string at the currency's scale
 * ```
 * @packageDocumentation
 */
export {
  BUNDLED_RULES_DIR,
  findRuleSets,
  loadRuleSet,
  loadRuleSetAsync,
  loadRuleSetFromData,
  loadRuleSetFromTexts,
  parseUsage,
  quote,
  ruleSetDirFor,
  validateRuleSet,
  validateRuleSetAsync,
  type RuleSet,
  type RuleSetSourceOptions,
} from "./api.js";
export type { ProblemCode, WarningCode } from "./errors/codes.js";
export type { Decimal } from "./money/decimal.js";
export type {
  CellsDoc,
  CommitmentDoc,
  DecimalText,
  FeeDoc,
  IncludedDoc,
  MaximumSpendDoc,
  PriceDoc,
  QuotaDoc,
  QuotasDoc,
  TierDoc,
} from "./model/document.js";
export { importPricing2Yaml, type ImportedRuleSet, type ImportOptions } from "./import/pricing2yaml/index.js";
export type { DocPath, Problem, SourcePosition } from "./errors/problem.js";
export { formatProblem, RatecardError } from "./errors/ratecard-error.js";
export type { SourceDocument } from "./load/source-document.js";
export type { PriceVersion, Quote, QuoteLine, QuoteNotice, QuotePeriod, Settlement, TraceStep } from "./model/quote.js";
export type {
  AddonChoices,
  AppFacts,
  Change,
  CreditGrant,
  Expectation,
  MeterValue,
  MonthOfUsage,
  Overrides,
  Quantity,
  UsageDocument,
} from "./model/usage.js";
export type { Limit } from "./model/plan.js";
export type { QuoteOptions } from "./usage/context.js";
export { runCli, type CliIO } from "./cli/main.js";
export { renderQuoteTable } from "./render/table.js";
export {
  compare,
  recommend,
  type BreakEven,
  type ComparedOption,
  type Comparison,
  type CurrentChoice,
  type Recommendation,
} from "./decide/choose.js";
export type { Option } from "./decide/evaluate-option.js";
export { quoteMonths, type Forecast } from "./decide/months.js";
export { parseNeed, type Need } from "./decide/needs.js";
export {
  subscriptions,
  type Subscription,
  type SubscriptionCount,
  type SubscriptionOptions,
  type SubscriptionSpace,
} from "./decide/subscriptions.js";
export {
  entitlements,
  type Entitlements,
  type EntitlementSource,
  type HeldFeature,
  type HeldLimit,
  type HeldQuota,
  type SubscriptionTerms,
} from "./runtime/entitlements.js";
export type { EntitlementCheck } from "./runtime/entitlement-check.js";
export { RatecardProvider, type RatecardProviderOptions } from "./runtime/openfeature-provider.js";
