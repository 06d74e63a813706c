import { Decimal } from "../../money/decimal.js";
import { groupDigits } from "../../money/format.js";
import type { EditionPlan, ModePlan } from "../../model/plan.js";
import { BreakEvenSearch } from "../break-even.js";
import { meterCosts, type SharedCosts } from "../meter-costs.js";
import { defineRule } from "../rule.js";

export const dominance = defineRule({
  id: "dominance",
  description:
    "Reports a usage range in which a cheaper edition plus its overage costs more than a dearer edition at the same usage, with the break-even point: customers there pay more for less.",
  defaultSeverity: "warning",
  messages: {
    dominated:
      "from {usage} {unit} on {meter}, {cheap} ({cheapCost}) costs more than {dear} ({dearCost}); break-even at {usage}",
    unsettled:
      "whether {cheap} costs more than {dear} on {meter} was not settled between {from} and {to} {unit}: their charges grow alike and round differently without repeating, so the search stopped there; quote that range to check",
  },
  run({ files, plan }, report) {
    files.modes.forEach((sourced, index) => {
      const mode = plan.versions[index];
      if (!mode) return; // the plan has a version per mode file
      const shared: SharedCosts = { zero: new Map(), shapes: new Map() };
      for (const meter of mode.meters.values()) {
        // In fee order (a stable sort: equal fees keep the rule file's order).
        const costs = meterCosts(plan, mode, meter, shared)
          .map((cost) => ({ cost, fee: fee(cost.edition) }))
          .sort((a, b) => a.fee.comparedTo(b.fee));
        const search = new BreakEvenSearch(() => candidates(mode, meter.id));
        costs.forEach(({ cost: cheap, fee: own }, i) => {
          // The dearer editions start at the first strictly higher fee.
          const dearer = costs.slice(i + 1).findIndex((other) => own.lt(other.fee));
          if (dearer < 0) return; // none dearer
          for (const { cost: dear } of costs.slice(i + 1 + dearer)) {
            const found = search.find(cheap, dear);
            if (!found) continue;
            const at = sourced.doc.editions.findIndex((e) => e.id === cheap.edition.id);
            const where = { in: sourced, path: ["editions", at, "id"] };
            const names = { unit: meter.plural, meter: meter.id, cheap: cheap.edition.id, dear: dear.edition.id };
            if (found.kind === "unsettled") {
              report("unsettled", { ...names, from: groupDigits(found.from), to: groupDigits(found.to) }, where);
              continue;
            }
            report(
              "dominated",
              {
                ...names,
                usage: groupDigits(found.usage),
                cheapCost: found.cheapCost.toFixed(2),
                dearCost: found.dearCost.toFixed(2),
              },
              where,
            );
          }
        });
      }
    });
  },
});

/** The fee used to order editions; a per-unit fee is compared on its unit price. */
const fee = (edition: EditionPlan) =>
  edition.fee.kind === "flat"
    ? edition.fee.amount
    : edition.fee.kind === "per-unit"
      ? edition.fee.unitPrice
      : new Decimal(0);

/** 1, 2, 5, 10, 20, 50 … 5·10⁹ and each plus one: the geometric sweep every meter's candidates end with. */
const SWEEP = Array.from({ length: 10 }, (_, exponent) =>
  [1, 2, 5].map((m) => new Decimal(m).mul(new Decimal(10).pow(exponent))),
).flat();

/** Usage levels where a quoted edition's cost may change shape: quotas and limits, then a geometric sweep. */
function candidates(mode: ModePlan, meter: string): Decimal[] {
  const points = new Map<string, Decimal>();
  const add = (value: Decimal) => {
    for (const v of [value, value.plus(1)]) if (v.gte(0) && !points.has(v.toFixed())) points.set(v.toFixed(), v);
  };
  for (const edition of mode.editions.values()) {
    const quota = edition.quotas.get(meter);
    const included = quota?.included ?? new Decimal(0);
    add(included);
    if (quota?.limit) add(quota.limit);
    if (!included.isZero()) for (let k = 1; k <= 20; k++) add(included.mul(k));
  }
  SWEEP.forEach(add);
  return [...points.values()].sort((a, b) => a.comparedTo(b));
}
