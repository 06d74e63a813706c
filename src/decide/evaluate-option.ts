import type { Plan } from "../model/plan.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { Decimal } from "../money/decimal.js";
import type { Limit, ModePlan } from "../model/plan.js";
import type { Quote } from "../model/quote.js";
import type { AddonChoices, Change, Quantity, UsageDocument } from "../model/usage.js";
import { entitlementsOf } from "./entitlements.js";
import { forecastOf, type Forecast } from "./months.js";
import { inMemory } from "../load/source-document.js";
import { limitText, meets, needText, type Need } from "./needs.js";

/** One way to buy: a mode, an edition and add-ons, with its cost or the reason it cannot serve. */
export interface Option {
  /** The billing mode. */
  mode: string;
  /** The edition. */
  edition: string;
  /** The add-ons bought with it. */
  addons: AddonChoices;
  /** Its total over every month; absent when the rules refuse it. */
  total?: Decimal;
  /** Its quotes, month by month. */
  forecast?: Forecast;
  /** Why this option is not possible (a hard limit, a need, the rules); absent when it is. */
  reason?: string;
}

/** Prices one way to buy for a document: evaluateOption, or the same with its answers kept. */
export type EvaluateOption = (mode: string, edition: string, addons: AddonChoices) => Option;

/** Quotes the usage as one option; hard-limit breaches and unmet needs make it impossible. */
export function evaluateOption(
  ruleSet: Plan,
  doc: UsageDocument,
  mode: string,
  edition: string,
  addons: AddonChoices,
  needs: readonly Need[],
): Option {
  const option: Option = { mode, edition, addons };
  const { changes, feeUnitsPaid, ...rest } = doc;
  const paid = (given: Quantity | undefined, stated: string | undefined, changed: Change[] | undefined) =>
    given !== undefined && paidEdition(ruleSet, doc, mode, stated, changed) === edition ? { feeUnitsPaid: given } : {};
  const months = doc.months?.map(({ changes: c, edition: e, addons: _a, feeUnitsPaid: given, ...month }) => ({
    ...month,
    ...paid(given, e ?? doc.edition, c),
  }));
  const candidate: UsageDocument = {
    ...rest,
    ...paid(feeUnitsPaid, doc.edition, changes),
    mode,
    edition,
    addons,
    ...(months ? { months } : {}),
  };
  let forecast: Forecast;
  try {
    // Built from a document already checked and the rule set's own choices: plain data.
    forecast = forecastOf(ruleSet, inMemory(candidate), { otherModesMeters: "ignore" });
  } catch (error) {
    if (!(error instanceof RatecardError)) throw error;
    const [problem] = error.problems;
    return { ...option, reason: problem?.message ?? "the rules refuse it" };
  }
  const breach = forecast.months.flatMap((q) => q.warnings).find((w) => w.code === "limit.exceeded");
  if (breach) return { ...option, forecast, reason: breach.message };
  const unmet = unmetNeeds(ruleSet, forecast, mode, edition, addons, needs);
  if (unmet) return { ...option, forecast, total: new Decimal(forecast.total), reason: unmet };
  return { ...option, forecast, total: new Decimal(forecast.total) };
}

/**
 * The edition a month's feeUnitsPaid counts units of: the last it states (or the mode's default,
 * when the document names its mode or the option is of that mode). An option on another edition
 * has paid nothing of that edition's fee, so it is quoted without feeUnitsPaid.
 */
function paidEdition(
  ruleSet: Plan,
  doc: UsageDocument,
  mode: string,
  stated: string | undefined,
  changes: readonly Change[] | undefined,
): string | undefined {
  if (doc.mode !== undefined && doc.mode !== mode) return undefined;
  const changed = [...(changes ?? [])].reverse().find((change) => change.edition !== undefined)?.edition;
  return changed ?? stated ?? ruleSet.modes.get(mode)?.[0]?.defaultEdition;
}

/** Why the entitlements of an edition and add-ons fall short of the needs; undefined when they meet them. */
export function unmetNeeds(
  ruleSet: Plan,
  forecast: Forecast,
  mode: string,
  edition: string,
  addons: AddonChoices,
  needs: readonly Need[],
): string | undefined {
  const version = quotedVersion(ruleSet, mode, forecast.months[0]);
  const plan = version?.editions.get(edition);
  // A quote names a version and edition of its own rule set; without them no entitlement is stated.
  const limits = version && plan ? entitlementsOf(version, plan, addons) : new Map<string, Limit>();
  const missing = needs.filter((need) => !meets(limits.get(need.entitlement), need));
  if (missing.length === 0) return undefined;
  return missing
    .map(
      (need) =>
        `${need.entitlement} is ${limitText(limits.get(need.entitlement))}, needs ${needText(need).slice(need.entitlement.length)}`,
    )
    .join("; ");
}

/** The version of a mode whose prices a quote applied; undefined without a quote. */
export function quotedVersion(ruleSet: Plan, mode: string, quote: Quote | undefined): ModePlan | undefined {
  return quote && ruleSet.modes.get(mode)?.find((v) => v.effective?.from === quote.version.from);
}
