import type { Problem } from "../errors/problem.js";
import type { RuleSetFiles } from "../validate/read-ruleset.js";
import { addonOptions } from "./addon-options.js";
import { addonPrices } from "./addon-prices.js";
import type { Check } from "./context.js";
import { dimensions } from "./dimensions.js";
import { discounts } from "./discounts.js";
import { eventMappings } from "./event-mappings.js";
import { feeIntervals } from "./fee-intervals.js";
import { defaultEdition } from "./default-edition.js";
import { duplicateIds } from "./duplicate-ids.js";
import { meters } from "./meters.js";
import { quotas } from "./quotas.js";
import { spendLimits } from "./spend-limits.js";
import { commitments } from "./commitments.js";
import { logicNumbers } from "./logic-numbers.js";
import { logicReferences } from "./logic-references.js";
import { migrationCycles } from "./migration-cycles.js";
import { modeVersions } from "./mode-versions.js";
import { references } from "./references.js";
import { rulesetId } from "./ruleset-id.js";
import { tiers } from "./tiers.js";

/** Every semantic check, run in this order over a schema-valid rule set. */
export const CHECKS: readonly Check[] = [
  rulesetId,
  duplicateIds,
  modeVersions,
  references,
  migrationCycles,
  defaultEdition,
  tiers,
  addonOptions,
  addonPrices,
  logicReferences,
  logicNumbers,
  discounts,
  dimensions,
  meters,
  quotas,
  spendLimits,
  commitments,
  feeIntervals,
  eventMappings,
];

export function checkRuleSet(files: RuleSetFiles): Problem[] {
  return CHECKS.flatMap((check) => check.run(files));
}
