import { buyableAddons } from "../../evaluate/buyable.js";
import type { AddonPlan, ModePlan } from "../../model/plan.js";

/** Whether an edition can buy an add-on at all (see evaluate/buyable.ts). */
export function buyableIn(mode: ModePlan, addon: AddonPlan, edition: string): boolean {
  return buyableAddons(mode, edition).has(addon.id);
}
