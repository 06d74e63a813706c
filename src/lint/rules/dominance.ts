import { quote } from "../../evaluate/quote.js";
import { Decimal } from "../../money/decimal.js";
import { groupDigits } from "../../money/format.js";
import type { EditionPlan, ModePlan, Plan } from "../../model/plan.js";
import { defineRule } from "../rule.js";

export const dominance = defineRule({
  id: "dominance",
  description: "Reports a usage range in which a cheaper edition plus its overage costs more than a dearer edition at the same usage, with the break-even point: customers there pay more for less.",
  defaultSeverity: "warning",
  messages: {
    dominated: "from {usage} {unit} on {meter}, {cheap} ({cheapCost}) costs more than {dear} ({dearCost}); break-even at {usage}",
  },
  run({ files, plan }, report) {
    files.modes.forEach((sourced, index) => {
      const mode = plan.versions[index]!;
      const cost = costFunction(plan, mode);
      if (!cost) return;
      const editions = [...mode.editions.values()].sort((a, b) => fee(a).comparedTo(fee(b)));
      for (const meter of mode.meters.values()) {
        editions.forEach((cheap, i) => {
          for (const dear of editions.slice(i + 1)) {
            if (!fee(cheap).lt(fee(dear))) continue;
            const found = breakEven(cost, cheap, dear, meter.id, candidates(mode, meter.id));
            if (!found) continue;
            const at = sourced.doc.editions.findIndex((e) => e.id === cheap.id);
            report(
              "dominated",
              { usage: groupDigits(found.usage), unit: meter.plural, meter: meter.id, cheap: cheap.id, dear: dear.id, cheapCost: found.cheapCost, dearCost: found.dearCost },
              { in: sourced, path: ["editions", at, "id"] },
            );
          }
        });
      }
    });
  },
});

type Cost = (edition: EditionPlan, meter: string, usage: Decimal) => Decimal | undefined;

/** The fee used to order editions; a per-unit fee is compared on its unit price. */
const fee = (edition: EditionPlan) => (edition.fee.kind === "flat" ? edition.fee.amount : edition.fee.kind === "per-unit" ? edition.fee.unitPrice : new Decimal(0));

/** The month's total for an edition with one meter at `usage` and the others at zero; undefined when the usage is over a hard limit. */
function costFunction(plan: Plan, mode: ModePlan): Cost | undefined {
  const { from, until } = mode.effective ?? {};
  const period = from ? (from.endsWith("-01") ? from.slice(0, 7) : nextMonth(from)) : until ? previousMonth(until) : "2100-01";
  return (edition, meter, usage) => {
    const limit = edition.quotas.get(meter)?.limit;
    if (limit && usage.gt(limit)) return undefined;
    const values = Object.fromEntries([...mode.meters.keys()].map((id) => [id, id === meter ? usage.toFixed() : "0"]));
    try {
      return new Decimal(quote(plan, { ruleset: plan.id, period, mode: mode.id, edition: edition.id, usage: values }).total);
    } catch {
      return undefined; // the mode needs app facts a linter does not have
    }
  };
}

function previousMonth(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

function nextMonth(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** Usage levels where costs change shape: quotas and limits, block and tier edges, then a geometric sweep. */
function candidates(mode: ModePlan, meter: string): Decimal[] {
  const points = new Set<string>();
  const add = (value: Decimal) => {
    for (const v of [value, value.plus(1)]) if (v.gte(0)) points.add(v.toFixed());
  };
  for (const edition of mode.editions.values()) {
    const quota = edition.quotas.get(meter);
    const included = quota?.included ?? new Decimal(0);
    add(included);
    if (quota?.limit) add(quota.limit);
    for (let k = 1; k <= 20; k++) add(included.mul(k));
  }
  for (let exponent = 0; exponent <= 9; exponent++) for (const m of [1, 2, 5]) add(new Decimal(m).mul(new Decimal(10).pow(exponent)));
  return [...points].map((p) => new Decimal(p)).sort((a, b) => a.comparedTo(b));
}

/** The smallest usage at which `cheap` costs more than `dear`, refined between the sampled points. */
function breakEven(cost: Cost, cheap: EditionPlan, dear: EditionPlan, meter: string, points: Decimal[]) {
  let below: Decimal | undefined;
  for (const point of points) {
    const a = cost(cheap, meter, point);
    const b = cost(dear, meter, point);
    if (!a || !b) continue;
    if (a.lte(b)) {
      below = point;
      continue;
    }
    let low = below ?? new Decimal(0);
    let high = point;
    while (high.minus(low).gt(1)) {
      const mid = low.plus(high).div(2).floor();
      const ca = cost(cheap, meter, mid);
      const cb = cost(dear, meter, mid);
      if (ca && cb && ca.gt(cb)) high = mid;
      else low = mid;
    }
    return { usage: high, cheapCost: cost(cheap, meter, high)!.toFixed(2), dearCost: cost(dear, meter, high)!.toFixed(2) };
  }
  return undefined;
}
