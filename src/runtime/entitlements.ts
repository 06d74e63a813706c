import type { RuleSet } from "../model/plan.js";
import { higher } from "../decide/entitlements.js";
import { grantsOf } from "../decide/entitlements.js";
import { didYouMean, listed } from "../errors/format.js";
import type { Problem } from "../errors/problem.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { failedEligibility } from "../usage/eligibility.js";
import { clip } from "../guard/clip.js";
import { assertMapping, readArgument } from "../errors/ratecard-error.js";
import { guarded } from "../errors/entry.js";
import { assertRuleSet } from "../compile/compiled.js";
import { own } from "../guard/own.js";
import { checkPlainData } from "../load/plain-data.js";
import type { AddonPlan, EditionPlan, Limit, ModePlan, QuotaPlan } from "../model/plan.js";
import type { AddonChoices } from "../model/usage.js";
import type { Decimal } from "../money/decimal.js";
import { readDecimal } from "../money/read-decimal.js";
import { EntitlementCheck } from "./entitlement-check.js";
import type { EntitlementSource, HeldFeature, HeldLimit, HeldQuota } from "./held.js";

export type { EntitlementSource, HeldFeature, HeldLimit, HeldQuota } from "./held.js";

/** A customer's subscription: what {@link entitlements} is asked about. */
export interface SubscriptionTerms {
  /** The billing mode; default: the rule set's default mode. Its latest price version is read. */
  mode?: string;
  /** The edition. */
  edition: string;
  /** The add-ons bought, as a usage document writes them (`{ sso: true, retention: { days: 90 } }`). */
  addons?: AddonChoices;
  /** The month's meter values, when known: eligibility rules on usage are then judged, and allotments per unit of a meter computed. */
  usage?: Readonly<Record<string, number | string>>;
}

/** What a subscription gives, each item with where it comes from. */
export interface Entitlements {
  /** The billing mode read. */
  mode: string;
  /** The price version read (its `effective.from`), when it states one. */
  version?: string;
  /** The edition. */
  edition: string;
  /** The add-ons held: bought, and included in the edition. */
  features: HeldFeature[];
  /** Every entitlement the edition or an add-on states. */
  limits: HeldLimit[];
  /** The edition's quotas on meters. */
  quotas: HeldQuota[];
  /** Fast checks of the same, built once: `check.can("sso")`, `check.limit("seats")`. */
  check: EntitlementCheck;
}

/**
 * What a customer's subscription gives at run time: every add-on held (bought or included),
 * every entitlement at its highest limit with the edition or add-on it comes from, the edition's
 * quotas, and a {@link EntitlementCheck} to call on every request.
 * ```ts
 * const { check } = entitlements(ruleSet, { edition: "business", addons: { sso: true } });
 * check.can("sso");                  // true
 * check.limit("log-retention-days"); // 30
 * ```
 * @throws RatecardError when the subscription is not one the rules allow (unknown mode, edition or
 * add-on, an add-on not offered or not eligible, a missing or unknown option), or for a bad argument.
 */
export function entitlements(ruleSet: RuleSet, terms: SubscriptionTerms): Entitlements {
  return heldEntitlements(ruleSet, terms).held;
}

/** entitlements, with the version of the mode they are read from. */
export function heldEntitlements(ruleSet: RuleSet, terms: SubscriptionTerms): { held: Entitlements; mode: ModePlan } {
  return guarded(() => {
    assertRuleSet(ruleSet);
    const { mode: modeId, edition: editionId, addons, usage } = readTerms(terms);
    const id = modeId ?? ruleSet.selection.default;
    const mode = ruleSet.modes.get(id)?.at(-1);
    if (!mode)
      refuse(
        "usage.mode",
        ["mode"],
        `unknown mode "${clip(id)}"; ${ruleSet.id} has: ${listed([...ruleSet.modes.keys()])}`,
      );
    const edition = mode.editions.get(editionId);
    if (!edition)
      refuse(
        "usage.edition",
        ["edition"],
        `unknown edition "${clip(editionId)}" in mode ${mode.id}; ${didYouMean(editionId, [...mode.editions.keys()])}it has: ${listed([...mode.editions.keys()])}`,
      );
    const features = heldFeatures(mode, edition, addons, usage);
    const limits = heldLimits(mode, edition, features, addons);
    const quotas = heldQuotas(mode, edition, usage);
    const held = {
      mode: mode.id,
      ...(mode.effective?.from ? { version: mode.effective.from } : {}),
      edition: edition.id,
      features,
      limits,
      quotas,
      check: new EntitlementCheck(features, limits),
    };
    return { held, mode };
  });
}

/**
 * The edition's quotas: on a whole meter, then those for some cells of a meter (with the cells
 * they cover), in the order the rules write them. An allotment per unit of another meter is
 * computed from the usage given, when it is.
 */
function heldQuotas(
  mode: ModePlan,
  edition: EditionPlan,
  usage: Readonly<Record<string, Decimal>> | undefined,
): HeldQuota[] {
  const held = (meter: string, quota: QuotaPlan): HeldQuota => {
    const per = quota.includedPer;
    const units = per && usage ? own(usage, per.meter) : undefined;
    const daily = quota.includedPerDay;
    const included = daily ? undefined : !per ? quota.included : units && per.amount.mul(units);
    return {
      meter,
      name: mode.meters.get(meter)?.name ?? meter,
      ...(quota.cells ? { cells: Object.fromEntries([...quota.cells].map(([id, values]) => [id, [...values]])) } : {}),
      ...(included ? { included } : {}),
      ...(per ? { includedPer: per } : {}),
      ...(daily ? { includedPerDay: daily } : {}),
      ...(quota.firstMonths !== undefined ? { firstMonths: quota.firstMonths } : {}),
      ...(quota.limit ? { limit: quota.limit } : {}),
    };
  };
  const cellQuotas = [...(edition.cellQuotas ?? [])].flatMap(([meter, quotas]) => quotas.map((q) => held(meter, q)));
  return [...[...edition.quotas].map(([meter, quota]) => held(meter, quota)), ...cellQuotas];
}

function refuse(code: Problem["code"], path: Problem["path"], message: string): never {
  throw new RatecardError([{ code, message, path }]);
}

/** The add-ons held: those the edition includes, then those bought, each checked as a quote checks it. */
function heldFeatures(
  mode: ModePlan,
  edition: EditionPlan,
  addons: AddonChoices,
  usage: Readonly<Record<string, Decimal>> | undefined,
): HeldFeature[] {
  const held: HeldFeature[] = [];
  for (const addon of mode.addons.values())
    if (addon.offers.get(edition.id)?.kind === "included" && own(addons, addon.id) === undefined)
      held.push({ id: addon.id, name: addon.name, from: { kind: "addon", addon: addon.id, included: true } });
  // Conditions compare meter values as numbers, as a quote's do (usage/select-addons.ts).
  const facts = {
    app: {},
    mode: mode.id,
    edition: edition.id,
    period: "",
    addons,
    usage: Object.fromEntries(Object.entries(usage ?? {}).map(([id, value]) => [id, value.toNumber()])),
  };
  const problems: Problem[] = [];
  for (const [id, value] of Object.entries(addons)) {
    if (value === false) continue;
    const addon = mode.addons.get(id);
    const at = ["addons", id];
    if (!addon) {
      problems.push({
        code: "usage.addon",
        message: `unknown add-on "${clip(id)}"; mode ${mode.id} offers: ${listed([...mode.addons.keys()])}`,
        path: at,
      });
      continue;
    }
    const problem = addonProblem(addon, edition, value, usage ? facts : { ...facts, usage: undefined });
    if (problem) problems.push({ ...problem, path: at });
    else held.push(feature(addon, edition, value));
  }
  if (problems.length) throw new RatecardError(problems);
  return held;
}

/** Why the add-on cannot be held with the edition, in the order a quote judges it; undefined when it can. Rules on usage wait for usage. */
function addonProblem(
  addon: AddonPlan,
  edition: EditionPlan,
  value: AddonChoices[string],
  facts: { usage: unknown },
): Omit<Problem, "path"> | undefined {
  const rules =
    facts.usage === undefined ? { ...addon, eligible: addon.eligible.filter((rule) => !rule.readsUsage) } : addon;
  const failed = failedEligibility(rules, () => facts);
  if (failed.length)
    return {
      code: "usage.addon-not-eligible",
      message: `${addon.name} (${addon.id}) cannot be bought with ${edition.name}: ${failed.join("; ")}`,
    };
  const offer = addon.offers.get(edition.id);
  if (!offer || offer.kind === "not-offered")
    return {
      code: "usage.addon-not-offered",
      message: `${addon.name} (${addon.id}) is not offered with ${edition.name}${offer?.reason ? `: ${offer.reason}` : ""}`,
    };
  const settings = typeof value === "object" ? value : {};
  if (addon.option) {
    const chosen = own(settings, addon.option.id);
    const cell = chosen === undefined || offer.kind !== "priced" ? undefined : offer.options?.get(String(chosen));
    if (cell === undefined || cell === "not-offered") {
      const offered =
        offer.kind === "priced"
          ? [...(offer.options ?? [])].filter(([, c]) => c !== "not-offered").map(([label]) => label)
          : [];
      return { code: "usage.option", message: `${addon.id} needs ${addon.option.id}, one of: ${listed(offered)}` };
    }
  }
  if (addon.quantity && !/^[1-9]\d{0,14}$/.test(String(own(settings, "quantity"))))
    return {
      code: "usage.option",
      message: `${addon.id} is bought by the ${addon.quantity.unit}: give quantity, a whole number from 1`,
    };
  return undefined;
}

function feature(addon: AddonPlan, edition: EditionPlan, value: AddonChoices[string]): HeldFeature {
  const settings = typeof value === "object" ? value : {};
  const option = addon.option ? own(settings, addon.option.id) : undefined;
  const quantity = addon.quantity ? own(settings, "quantity") : undefined;
  const included = addon.offers.get(edition.id)?.kind === "included";
  return {
    id: addon.id,
    name: addon.name,
    from: { kind: "addon", addon: addon.id, included },
    ...(option !== undefined ? { option: String(option) } : {}),
    // eslint-disable-next-line ratecard/no-float-money -- a count of units checked above as at most 15 digits
    ...(quantity !== undefined ? { quantity: Number(quantity) } : {}),
  };
}

/** Each entitlement of the mode that the edition or a held add-on states, at its highest limit; a tie keeps the edition, then the first add-on. */
function heldLimits(
  mode: ModePlan,
  edition: EditionPlan,
  features: readonly HeldFeature[],
  addons: AddonChoices,
): HeldLimit[] {
  const best = new Map<string, { limit: Limit; from: EntitlementSource }>();
  for (const [id, limit] of edition.entitlements) best.set(id, { limit, from: { kind: "edition" } });
  for (const held of features) {
    const addon = mode.addons.get(held.id);
    if (!addon) continue; // held features are add-ons of the mode
    const value = own(addons, held.id);
    for (const [id, limit] of grantsOf(addon, edition, typeof value === "object" ? value : {})) {
      const known = best.get(id);
      if (!known || higher(known.limit, limit) !== known.limit) best.set(id, { limit, from: held.from });
    }
  }
  return [...mode.entitlements.values()].flatMap(({ id, name, unit }) => {
    const held = best.get(id);
    return held ? [{ id, name, ...(unit ? { unit } : {}), ...held }] : [];
  });
}

/** The terms, checked and copied once: plain data, the edition a string, add-ons a mapping, usage numbers. */
function readTerms(terms: SubscriptionTerms): {
  mode?: string;
  edition: string;
  addons: AddonChoices;
  usage?: Record<string, Decimal>;
} {
  assertMapping(terms, "terms", "subscription terms ({ mode?, edition, addons?, usage? })");
  return readArgument("terms", () => {
    const shape = checkPlainData(terms);
    if (shape) throw new RatecardError([shape]);
    const { mode, edition, addons = {}, usage } = terms;
    if (typeof edition !== "string") refuse("api.argument", ["edition"], "terms.edition must be an edition id");
    if (mode !== undefined && typeof mode !== "string")
      refuse("api.argument", ["mode"], "terms.mode must be a mode id");
    if (typeof addons !== "object" || Array.isArray(addons))
      refuse("api.argument", ["addons"], "terms.addons must be a mapping of add-on ids to true or their settings");
    return {
      edition,
      addons,
      ...(mode !== undefined ? { mode } : {}),
      ...(usage !== undefined ? { usage: usageValues(usage) } : {}),
    };
  });
}

/** Meter values, read exactly. */
function usageValues(usage: unknown): Record<string, Decimal> {
  if (typeof usage !== "object" || usage === null || Array.isArray(usage))
    refuse("api.argument", ["usage"], "terms.usage must be a mapping of meter ids to numbers");
  return Object.fromEntries(
    Object.entries(usage).map(([meter, value]) => {
      const number = readDecimal(typeof value === "number" || typeof value === "string" ? String(value) : undefined);
      if (typeof number === "string")
        refuse(
          "usage.value",
          ["usage", meter],
          `usage.${clip(meter)} must be a number, not ${clip(JSON.stringify(value) ?? String(value))}`,
        );
      return [meter, number];
    }),
  );
}
