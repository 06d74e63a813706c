import { Decimal } from "../money/decimal.js";
import type { AddonPlan, EditionPlan, Limit, ModePlan } from "../model/plan.js";
import type { AddonChoices } from "../model/usage.js";

/** What an edition plus bought add-ons gives: each entitlement at the highest limit any of them grants. */
export function entitlementsOf(mode: ModePlan, edition: EditionPlan, addons: AddonChoices): Map<string, Limit> {
  const result = new Map(edition.entitlements);
  for (const [id, value] of Object.entries(addons)) {
    const addon = mode.addons.get(id);
    if (!addon || value === false) continue;
    for (const [key, limit] of grantsOf(addon, edition, typeof value === "object" ? value : {}))
      result.set(key, higher(result.get(key), limit));
  }
  return result;
}

/** The limits an add-on grants in an edition, its option's value included. */
export function grantsOf(
  addon: AddonPlan,
  edition: EditionPlan,
  settings: Record<string, unknown>,
): Map<string, Limit> {
  const offer = addon.offers.get(edition.id);
  const grants = new Map(offer && offer.kind !== "not-offered" ? offer.grants : []);
  const option = addon.option;
  const chosen = option ? settings[option.id] : undefined;
  const text = typeof chosen === "number" || typeof chosen === "string" ? String(chosen) : undefined;
  if (option?.grants && text !== undefined && /^\d{1,24}$/.test(text)) grants.set(option.grants, new Decimal(text));
  return grants;
}

/** The higher of two limits (`unlimited` above any number). */
export function higher(a: Limit | undefined, b: Limit): Limit {
  if (a === undefined) return b;
  if (a === "unlimited" || b === "unlimited") return "unlimited";
  return a.gte(b) ? a : b;
}
