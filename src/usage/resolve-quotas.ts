import { firstMonthsText, freeShare, type FreeShare } from "../calendar/first-months.js";
import { Decimal, ZERO } from "../money/decimal.js";
import { groupDigits } from "../money/format.js";
import type { EditionPlan, MeterPlan, ModePlan, QuotaPlan } from "../model/plan.js";
import { report, type UsageContext } from "./context.js";

/**
 * The month-end edition with its quotas for the customer's first months resolved for this month:
 * whole up to the month those months end in, prorated by day in it (rounded down to the meter's
 * decimals, whole units for a count meter), none after. The edition itself when it has none.
 */
export function monthEdition(context: UsageContext, mode: ModePlan, edition: EditionPlan): EditionPlan {
  const timed = (quota: QuotaPlan) => quota.firstMonths !== undefined;
  // Every quote comes here: most editions have no such quota, and leave without a copy made.
  if (!hasTimed(edition, timed)) return edition;
  const whole = [...edition.quotas].filter(([, quota]) => timed(quota));
  const byCell = [...(edition.cellQuotas ?? [])].filter(([, list]) => list.some(timed));
  const first = whole[0] ?? byCell.map(([meter, list]) => [meter, list.find(timed)!] as const)[0];
  if (!first) return edition;
  const signup = context.doc.app?.createdAt;
  if (!signup) {
    const [meter, quota] = first;
    report(
      context,
      ["app"],
      "usage.date",
      `${edition.name}'s quota on ${mode.meters.get(meter)!.name} is granted only in ${firstMonthsText(quota.firstMonths!)}; give app.createdAt (YYYY-MM-DD), the sign-up day`,
    );
    return edition;
  }
  const granted = (id: string, quota: QuotaPlan): QuotaPlan => {
    if (!timed(quota)) return quota;
    const grant = freeShare(signup, quota.firstMonths!, context.period);
    const meter = mode.meters.get(id)!;
    context.trace?.push({ rule: `quota/${id}`, text: grantText(edition, meter, quota, grant) });
    return { ...quota, included: grantedIncluded(quota.included, grant, meter), monthly: quota.included, grant };
  };
  const quotas = new Map(edition.quotas);
  for (const [id, quota] of whole) quotas.set(id, granted(id, quota));
  if (!byCell.length) return { ...edition, quotas };
  const cellQuotas = new Map(edition.cellQuotas);
  for (const [id, list] of byCell)
    cellQuotas.set(
      id,
      list.map((quota) => granted(id, quota)),
    );
  return { ...edition, quotas, cellQuotas };
}

function hasTimed(edition: EditionPlan, timed: (quota: QuotaPlan) => boolean): boolean {
  for (const quota of edition.quotas.values()) if (timed(quota)) return true;
  for (const list of edition.cellQuotas?.values() ?? []) if (list.some(timed)) return true;
  return false;
}

/** The included quantity for the month: whole, none, or prorated by the days still inside the first months (rounded down). */
function grantedIncluded(included: Decimal, grant: FreeShare, meter: MeterPlan): Decimal {
  if (grant.days === grant.of) return included;
  if (grant.days === 0) return ZERO;
  const decimals = meter.integer ? 0 : meter.decimals;
  return included.times(grant.days).div(grant.of).toDecimalPlaces(decimals, Decimal.ROUND_DOWN);
}

/** "Standard's 5 GB of Storage, granted in the first 12 months from sign-up on 2026-01-15 (until 2027-01-15): 14 of the month's 31 days, …". */
function grantText(edition: EditionPlan, meter: MeterPlan, quota: QuotaPlan, grant: FreeShare): string {
  const what = quota.includedPerDay
    ? `${groupDigits(quota.includedPerDay)} ${meter.plural} a day`
    : `${groupDigits(quota.included)} ${meter.plural}`;
  const head = `${edition.name}'s ${what} of ${meter.name}, granted in ${firstMonthsText(grant.months)} on ${grant.signup} (until ${grant.ends})`;
  if (grant.days === grant.of) return `${head}: granted for the whole month`;
  if (grant.days === 0) return `${head}: over, nothing granted`;
  return `${head}: ${grant.days} of the month's ${grant.of} days, ${quota.includedPerDay ? "the allowance on those days" : "prorated and rounded down"}`;
}
