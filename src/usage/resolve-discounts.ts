import { freeShare } from "../calendar/first-months.js";
import { listed } from "../errors/format.js";
import { appliesWith, type DiscountPlan, type EditionPlan, type ModePlan } from "../model/plan.js";
import { report, type UsageContext } from "./context.js";

/**
 * The mode's discounts that apply to this month: in their editions and dates, in the customer's
 * first months when they say so (counted from app.createdAt's month or day), and coupons only when the document
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
  return mode.discounts.flatMap((discount) => {
    if (discount.coupon && !held.includes(discount.id)) return [];
    if (!appliesWith(discount, edition.id)) return [];
    if (discount.from && discount.from > context.period.to) return [];
    if (discount.until && discount.until <= context.period.from) return [];
    return discount.firstMonths === undefined ? [discount] : inFirstMonths(context, discount, discount.firstMonths);
  });
}

/**
 * The discount when the month is in the customer's first months: calendar months from the
 * sign-up month, or from the sign-up day, prorated by day in the month they end in.
 */
function inFirstMonths(context: UsageContext, discount: DiscountPlan, months: number): DiscountPlan[] {
  const created = context.doc.app?.createdAt;
  const from = discount.firstMonthsFrom === "signup-day" ? "the sign-up day (app.createdAt)" : "app.createdAt";
  if (!created) {
    report(
      context,
      ["app"],
      "usage.date",
      `${discount.name} (${discount.id}) applies in a customer's first ${months} months, counted from ${from}; give app.createdAt (YYYY-MM-DD)`,
    );
    return [];
  }
  if (discount.firstMonthsFrom === "signup-day") {
    const share = freeShare(created, months, context.period);
    if (share.days === 0) return [];
    return share.days === share.of ? [discount] : [{ ...discount, share }];
  }
  return inFirstCalendarMonths(context.period.month, created, months) ? [discount] : [];
}

function inFirstCalendarMonths(month: string, created: string, months: number): boolean {
  const index = (text: string) => Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)); // eslint-disable-line ratecard/no-float-money -- a month count
  const age = index(month) - index(created);
  return age >= 0 && age < months;
}
