import type { AddonPlan, EditionPlan, Limit, ModePlan } from "../model/plan.js";
import type { Decimal } from "../money/decimal.js";
import { ZERO } from "../money/decimal.js";
import { grantsOf } from "./entitlements.js";

/** One way to take an add-on in an edition: bought as it is, with one option value, or (sold by the unit) at one unit. */
export interface AddonChoice {
  addon: AddonPlan;
  /** What a usage document writes under `addons.<id>`, and what conditions see there. */
  value: true | Record<string, string | number>;
  /** Its monthly price; undefined when the rules publish none. */
  price: Decimal | undefined;
  /** The entitlements it grants in the edition. */
  grants: ReadonlyMap<string, Limit>;
}

/** An add-on that may be bought or not in an edition, with each way to buy it. */
export interface ChoosableAddon {
  addon: AddonPlan;
  choices: readonly AddonChoice[];
  /** Its eligibility rules that read which other add-ons are bought (rules on usage are left to the document). */
  rules: AddonPlan["eligible"];
}

/** An edition's add-ons: those it includes, and the choosable ones in groups that their rules tie together. */
export interface EditionAddons {
  /** Add-ons the edition includes: part of it, never a choice. */
  included: readonly AddonPlan[];
  /** Groups of choosable add-ons; no rule of one group reads an add-on of another. */
  groups: readonly (readonly ChoosableAddon[])[];
}

/** The facts an add-on's conditions read when no document is at hand, as evaluate/buyable.ts sets them. */
export function conditionFacts(mode: ModePlan, edition: string, addons: Record<string, unknown>) {
  return { app: {}, mode: mode.id, edition, period: "", addons, usage: {} };
}

/** Whether a rule waits for a document (usage, quantities) rather than being judged on the subscription alone. */
const onUsage = (rule: AddonPlan["eligible"][number]) => rule.readsUsage;

/**
 * The add-ons of `edition` split into included ones and groups of choosable ones. An add-on
 * whose rules read no other add-on and fail on the edition is left out; rules reading usage or
 * quantities are taken as met (some document meets them), as buyable.ts does.
 */
export function editionAddons(mode: ModePlan, edition: EditionPlan): EditionAddons {
  const included = [...mode.addons.values()].filter((addon) => addon.offers.get(edition.id)?.kind === "included");
  const fixedFacts = Object.fromEntries(included.map((addon) => [addon.id, true]));
  const choosable = new Map<string, ChoosableAddon>();
  for (const addon of mode.addons.values()) {
    const choices = choicesOf(addon, edition);
    if (choices.length === 0) continue;
    const standalone = addon.eligible.filter(
      (rule) => !onUsage(rule) && rule.addonsRead !== "all" && rule.addonsRead.length === 0,
    );
    if (!standalone.every((rule) => rule.when(conditionFacts(mode, edition.id, fixedFacts)))) continue;
    choosable.set(addon.id, {
      addon,
      choices,
      rules: addon.eligible.filter((rule) => !onUsage(rule) && !standalone.includes(rule)),
    });
  }
  return { included, groups: groupsOf(choosable) };
}

/** Each way to buy the add-on in the edition; none when it is not offered or is included. */
function choicesOf(addon: AddonPlan, edition: EditionPlan): AddonChoice[] {
  const offer = addon.offers.get(edition.id);
  if (!offer || offer.kind !== "priced") return [];
  const choice = (value: AddonChoice["value"], price: Decimal | undefined): AddonChoice => ({
    addon,
    value,
    price,
    grants: grantsOf(addon, edition, value === true ? {} : value),
  });
  if (addon.option) {
    const option = addon.option.id;
    return [...(offer.options ?? [])]
      .filter(([, cell]) => cell !== "not-offered")
      .map(([label, cell]) => choice({ [option]: optionValue(label) }, cell === "included" ? ZERO : (cell as Decimal)));
  }
  return [choice(addon.quantity ? { quantity: 1 } : true, offer.price)];
}

/** An option label as a document writes it: digits as a number (90), anything else as text. */
function optionValue(label: string): string | number {
  // eslint-disable-next-line ratecard/no-float-money -- a short option label such as 90 (days), exact as a number
  return /^\d{1,15}$/.test(label) ? Number(label) : label;
}

/** Union-find over the choosable add-ons: two are in one group when a rule of one reads the other. */
function groupsOf(choosable: ReadonlyMap<string, ChoosableAddon>): ChoosableAddon[][] {
  const parent = new Map([...choosable.keys()].map((id) => [id, id]));
  const root = (id: string): string => {
    let at = id;
    for (let up = parent.get(at); up !== undefined && up !== at; up = parent.get(at)) at = up;
    parent.set(id, at);
    return at;
  };
  for (const { addon, rules } of choosable.values()) {
    for (const rule of rules) {
      const read =
        rule.addonsRead === "all" ? [...choosable.keys()] : rule.addonsRead.filter((id) => choosable.has(id));
      for (const id of read) parent.set(root(id), root(addon.id));
    }
  }
  const groups = new Map<string, ChoosableAddon[]>();
  for (const [id, item] of choosable) {
    const key = root(id);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}
