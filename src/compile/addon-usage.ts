import type { AddonPlan, QuantityLimit } from "../model/plan.js";

/** Which quantity limits a meter's month value sets; a new kind of limit must say so here to compile. */
const LIMIT_READS_USAGE: Readonly<Record<QuantityLimit["kind"], boolean>> = {
  fixed: false,
  usage: true,
  per: true,
  addon: false,
};

/**
 * Whether buying an add-on depends on the month's usage: one of its conditions reads usage, or a
 * meter sets how many units may be bought. Anything that prices or lists add-ons before the usage is
 * known (pages, break-evens, reused resolutions) must treat such an add-on as undecided.
 */
export function buyingReadsUsage(addon: AddonPlan): boolean {
  const limit = addon.quantity?.max;
  return addon.eligible.some((rule) => rule.readsUsage) || (limit !== undefined && LIMIT_READS_USAGE[limit.kind]);
}
