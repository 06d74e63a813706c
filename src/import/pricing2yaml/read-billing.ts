import { Decimal } from "decimal.js";
import type { BillingPeriod } from "./model.js";
import type { Issues } from "./issues.js";
import { decimalText, kindOf, mappingAt } from "./read-values.js";

const MONTHS_BY_NAME: Readonly<Record<string, BillingPeriod["months"]>> = {
  monthly: 1,
  month: 1,
  quarterly: 3,
  quarter: 3,
  semester: 6,
  semiannual: 6,
  semiannually: 6,
  biannual: 6,
  halfyearly: 6,
  annual: 12,
  annually: 12,
  yearly: 12,
  year: 12,
};

/**
 * The billing options. Syntax 2.0+ gives `billing: { name: factor }` (factor in (0, 1] on the
 * monthly price); 1.x gives `hasAnnualPayment` with an `annualPrice` per plan. Without either, monthly.
 */
export function readBilling(root: Record<string, unknown>, issues: Issues): [BillingPeriod, ...BillingPeriod[]] {
  if (root.billing === undefined || root.billing === null) {
    const annual: BillingPeriod[] = root.hasAnnualPayment === true ? [{ key: "annual", months: 12, factor: "1" }] : [];
    return [{ key: "monthly", months: 1, factor: "1" }, ...annual];
  }
  const periods: BillingPeriod[] = [];
  for (const [key, value] of Object.entries(mappingAt(root.billing, ["billing"], issues))) {
    const path = ["billing", key];
    const months = MONTHS_BY_NAME[key.toLowerCase().replace(/[^a-z]/g, "")];
    const factor = decimalText(value);
    if (months === undefined)
      issues.unmapped(
        path,
        `a billing period named "${key}" has no known length (monthly, quarterly, semester or annual)`,
      );
    else if (factor === undefined || new Decimal(factor).lte(0) || new Decimal(factor).gt(1))
      issues.add(
        "import.invalid",
        path,
        `${path.join(".")} must be a factor above 0 and at most 1, not ${kindOf(value)}`,
      );
    else if (periods.some((p) => p.months === months))
      issues.unmapped(path, `another billing period of ${months} month(s) comes first`);
    else periods.push({ key, months, factor });
  }
  const [first, ...later] = periods;
  return first ? [first, ...later] : [{ key: "monthly", months: 1, factor: "1" }];
}
