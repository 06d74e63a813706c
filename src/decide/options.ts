import type { EditionPlan, ModePlan } from "../model/plan.js";
import type { AddonChoices } from "../model/usage.js";
import { grantsOf } from "./entitlements.js";
import type { Need } from "./needs.js";

/**
 * The add-on sets worth pricing for an edition: every combination of the add-ons that grant
 * something a need asks for (each option value counted as its own choice), starting with none.
 */
export function addonSets(mode: ModePlan, edition: EditionPlan, needs: readonly Need[]): AddonChoices[] {
  const wanted = new Set(needs.map((n) => n.entitlement));
  let sets: AddonChoices[] = [{}];
  for (const addon of mode.addons.values()) {
    const offer = addon.offers.get(edition.id);
    if (!offer || offer.kind === "not-offered") continue;
    const { option } = addon;
    const choices: AddonChoices[string][] =
      option && offer.kind === "priced" && offer.options
        ? [...offer.options]
            .filter(([, cell]) => cell !== "not-offered")
            .map(([value]) => ({ [option.id]: /^\d{1,15}$/.test(value) ? Number(value) : value })) // eslint-disable-line ratecard/no-float-money -- a short option label such as 90 (days), exact as a number
        : [addon.quantity ? { quantity: 1 } : true];
    const useful = choices.filter((choice) =>
      [...grantsOf(addon, edition, typeof choice === "object" ? choice : {}).keys()].some((k) => wanted.has(k)),
    );
    if (useful.length === 0) continue;
    sets = sets.flatMap((set) => [set, ...useful.map((choice) => ({ ...set, [addon.id]: choice }))]);
  }
  return sets;
}
