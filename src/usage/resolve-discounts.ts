import { listed } from "../errors/format.js";
import { appliesWith, type DiscountPlan, type EditionPlan, type ModePlan } from "../model/plan.js";
import { report, type UsageContext } from "./context.js";

/**
 * The mode's discounts that apply to this month: in their editions and dates, in the customer's
 * first months when they say so (counted from app.createdAt), and coupons only when the document
 * holds them. A coupon the mode does not offer is a problem, not silently ignored.
 */
export function resolveDiscounts(context: UsageContext, mode: ModePlan, edition: EditionPlan): DiscountPlan[] {
  const held = context.doc.coupons ?? [];
  held.forEach((id, i) => {
    if (!mode.discounts.some((discount) => discount.coupon && discount.id === id)) {
      const offered = mode.discounts.filter((discount) => discount.coupon).map((discount) => discount.id);
      report(
        context,
        ["coupons", i],
        "usage.coupon",
        `unknown coupon "${id}"; mode ${mode.id} offers: ${listed(offered)}`,
      );
    }
  });
  return mode.discounts.filter((discount) => {
    if (discount.coupon && !held.includes(discount.id)) return false;
    if (!appliesWith(discount, edition.id)) return false;
    if (discount.from && discount.from > context.period.to) return false;
    if (discount.until && discount.until <= context.period.from) return false;
    return discount.firstMonths === undefined || inFirstMonths(context, discount, discount.firstMonths);
  });
}

function inFirstMonths(context: UsageContext, discount: DiscountPlan, months: number): boolean {
  const created = context.doc.app?.createdAt;
  if (!created) {
    report(
      context,
      ["app"],
      "usage.date",
      `${discount.name} (${discount.id}) applies in a customer's first ${months} months, counted from app.createdAt; give app.createdAt (YYYY-MM-DD)`,
    );
    return false;
  }
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)); // eslint-disable-line ratecard/no-float-money -- a month count
  const age = index(context.period.month) - index(created);
  return age >= 0 && age < months;
}
