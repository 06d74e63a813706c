import type { Decimal } from "../../money/decimal.js";
import { groupDigits } from "../../money/format.js";
import type { MeterPlan } from "../../model/plan.js";

/** "13,456 users", "1 user". */
export function counted(quantity: Decimal, meter: MeterPlan): string {
  return `${groupDigits(quantity)} ${quantity.eq(1) ? meter.unit : meter.plural}`;
}
