import type { AddonPlan, EditionPlan, ModePlan, Offer } from "../model/plan.js";
import type { AddonChoices } from "../model/usage.js";
import { grantsOf } from "./entitlements.js";
import type { Need } from "./needs.js";

/**
 * The add-ons a current subscription buys, as it buys them: `kept` grant nothing there and
 * must be bought again (with the same option value and quantity) unless an edition includes
 * them; `all` holds every one, so that an add-on bought again keeps its quantity and trial start.
 */
export interface Bought {
  kept: AddonChoices;
  all: AddonChoices;
}

export const NOTHING_BOUGHT: Bought = { kept: {}, all: {} };

/**
 * The add-on sets worth pricing for an edition: the kept add-ons it does not include, with every
 * combination of the add-ons that grant something a need asks for (each option value counted as
 * its own choice), starting with none of those.
 */
export function addonSets(
  mode: ModePlan,
  edition: EditionPlan,
  needs: readonly Need[],
  bought: Bought = NOTHING_BOUGHT,
): AddonChoices[] {
  const wanted = new Set(needs.map((n) => n.entitlement));
  let sets: AddonChoices[] = [keptFor(mode, edition, bought.kept)];
  for (const addon of mode.addons.values()) {
    const offer = addon.offers.get(edition.id);
    if (!offer || offer.kind === "not-offered" || Object.hasOwn(bought.kept, addon.id)) continue;
    const useful = choicesOf(addon, offer, settingsOf(bought.all[addon.id])).filter((choice) =>
      [...grantsOf(addon, edition, typeof choice === "object" ? choice : {}).keys()].some((k) => wanted.has(k)),
    );
    if (useful.length === 0) continue;
    sets = sets.flatMap((set) => [set, ...useful.map((choice) => ({ ...set, [addon.id]: choice }))]);
  }
  return sets;
}

/** The kept add-ons an edition must buy: all but those it includes (one its mode lacks stays, and the quote refuses it). */
function keptFor(mode: ModePlan, edition: EditionPlan, kept: AddonChoices): AddonChoices {
  return Object.fromEntries(
    Object.entries(kept).filter(([id]) => mode.addons.get(id)?.offers.get(edition.id)?.kind !== "included"),
  );
}

/** The ways to buy an add-on: each offered option value, else one unit; settings bought before carried over. */
function choicesOf(addon: AddonPlan, offer: Offer, carried: Settings): AddonChoices[string][] {
  const { option } = addon;
  if (option && offer.kind === "priced" && offer.options)
    return [...offer.options]
      .filter(([, cell]) => cell !== "not-offered")
      .map(([value]) => ({ ...carried, [option.id]: /^\d{1,15}$/.test(value) ? Number(value) : value })); // eslint-disable-line ratecard/no-float-money -- a short option label such as 90 (days), exact as a number
  if (addon.quantity) return [{ quantity: 1, ...carried }];
  return [Object.keys(carried).length ? carried : true];
}

type Settings = Exclude<AddonChoices[string], boolean>;

/** An add-on's settings as bought (none for `true`); an option value among them is replaced by each one tried. */
function settingsOf(value: AddonChoices[string] | undefined): Settings {
  return typeof value === "object" ? value : {};
}
