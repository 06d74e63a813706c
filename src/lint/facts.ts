import { buyableAddons } from "../evaluate/buyable.js";
import type { ModePlan } from "../model/plan.js";

/**
 * Facts about a compiled rule set that several lint rules need, each computed once per lint
 * run and shared: which add-ons each edition of a mode can buy.
 */
export class LintFacts {
  private readonly buyableSets = new Map<ModePlan, Map<string, ReadonlySet<string>>>();

  /** The add-ons `edition` of `mode` can buy (see evaluate/buyable.ts). */
  buyable(mode: ModePlan, edition: string): ReadonlySet<string> {
    let byEdition = this.buyableSets.get(mode);
    if (!byEdition) this.buyableSets.set(mode, (byEdition = new Map<string, ReadonlySet<string>>()));
    let set = byEdition.get(edition);
    if (!set) byEdition.set(edition, (set = buyableAddons(mode, edition)));
    return set;
  }
}
