import { buyingReadsUsage } from "../compile/addon-usage.js";
import { appliesWith, type Plan } from "../model/plan.js";
import { parsePeriod, type Period } from "../calendar/period.js";
import { LIMITS } from "../guard/limits.js";
import { Decimal, ZERO } from "../money/decimal.js";
import { roundLine, type MoneyPolicy } from "../money/policy.js";
import type { ChargePlan, EditionPlan, MeterPlan, ModePlan, Pricer, PricingContext } from "../model/plan.js";
import type { AddonChoices, MeterValue, Quantity, UsageDocument } from "../model/usage.js";
import { unmetNeeds, type EvaluateOption } from "./evaluate-option.js";
import { monthDocuments } from "./months.js";
import type { Need } from "./needs.js";
import { addonSets, NOTHING_BOUGHT, type Bought } from "./options.js";

/**
 * A month's value of one meter when every usage value is multiplied by a factor. `value`, when
 * the month value is one usage value scaled and rounded up (a month value, or the day a peak,
 * low or latest picks): the reading at a factor is ⌈value × factor⌉.
 */
type Reading = ((factor: Decimal) => Decimal) & { value?: Decimal };

/** A charge line of one month, as a function of the factor. */
export interface ChargeTerm {
  charge: ChargePlan;
  /** The charge's one price (a charge priced by cell is quoted instead). */
  price: Pricer;
  reading: Reading;
  included: Decimal;
  limit?: Decimal | undefined;
  context: PricingContext;
  money: MoneyPolicy;
}

/** One month of an option: what does not move with usage, its charge lines, and the hard limits it must stay under. */
interface ScaledMonth {
  base: Decimal;
  charges: ChargeTerm[];
  /** The hard limits, each with the meter it limits. */
  limits: { meter: string; reading: Reading; limit: Decimal }[];
}

/** One way to buy, priced at any multiple of the document's usage without quoting it again. */
export interface ScaledOption {
  label: string;
  /** False when the rules or the needs refuse it whatever the usage. */
  allowed: boolean;
  months: ScaledMonth[];
}

/** The largest factor compare tries, and the first value with more whole digits than a document may have. */
const MOST_FACTOR = 10;
const TOO_LARGE = new Decimal(10).pow(LIMITS.integerDigits);

/** What `cheapest` answers at a factor: the choice's label, `none` when no option is possible. */
type CheapestAt = (factor: Decimal) => string;

/** The cheapest choice at a factor among scaled options, chosen as optionsByEdition and compare choose. */
export const cheapestAmong =
  (options: ScaledOption[][]): CheapestAt =>
  (factor) =>
    cheapestOf(options, factor);

/**
 * Every option of every edition (per edition, in the order compare tries them) priced at any
 * multiple of a document's usage, from one quote of each at the usage itself: a month's total
 * is a part that does not depend on usage plus its charge lines, each a pricing model applied to
 * a meter's month value, and a month value of scaled daily values is the scaled peak, low or
 * latest value, or the sum of the scaled days. Priced so, an option costs exactly what quoting
 * the scaled document would. Undefined when a total is more than that sum (discounts, spend
 * limits, a fee per unit, credits, agreed prices, rounding of the total only, meters with
 * dimensions, add-ons whose rules read usage): then the caller quotes.
 */
export function scaledOptions(
  ruleSet: Plan,
  doc: UsageDocument,
  needs: readonly Need[],
  integer: (meter: string) => boolean,
  evaluate: EvaluateOption,
  bought: Bought = NOTHING_BOUGHT,
): ScaledOption[][] | undefined {
  if (ruleSet.money.roundAt !== "line" || doc.credits || doc.overrides || !agreesOnWholeness(ruleSet)) return undefined;
  const months = monthDocuments(doc);
  const readings = new Map<string, Reading>();
  const editionsByMode: ScaledOption[][] = [];
  for (const [modeId, versions] of ruleSet.modes) {
    const editions = new Map(
      versions.flatMap((v) => [...v.editions.values()].map((e) => [e.id, { version: v, edition: e }] as const)),
    );
    for (const { version, edition } of editions.values()) {
      const tries: ScaledOption[] = [];
      for (const addons of addonSets(version, edition, needs, bought)) {
        const option = scaledOption(ruleSet, months, modeId, edition.id, addons, needs, {
          readings,
          integer,
          evaluate,
        });
        if (!option) return undefined;
        tries.push(option);
      }
      editionsByMode.push(tries);
    }
  }
  return editionsByMode;
}

/** Every version that has a meter agrees on whether it counts whole units (the document is scaled by one of them). */
function agreesOnWholeness(ruleSet: Plan): boolean {
  const seen = new Map<string, boolean>();
  for (const version of ruleSet.versions)
    for (const meter of version.meters.values())
      if (seen.set(meter.id, seen.get(meter.id) ?? meter.integer).get(meter.id) !== meter.integer) return false;
  return true;
}

interface Shared {
  readings: Map<string, Reading>;
  integer: (meter: string) => boolean;
  evaluate: EvaluateOption;
}

function scaledOption(
  ruleSet: Plan,
  months: UsageDocument[],
  mode: string,
  edition: string,
  addons: AddonChoices,
  needs: readonly Need[],
  shared: Shared,
): ScaledOption | undefined {
  const label = `${mode}/${edition}${Object.keys(addons).length ? ` + ${Object.keys(addons).join(" + ")}` : ""}`;
  const option = shared.evaluate(mode, edition, addons);
  if (!option.forecast) return { label, allowed: false, months: [] };
  const scaledMonths: ScaledMonth[] = [];
  for (const [i, quoted] of option.forecast.months.entries()) {
    const version = ruleSet.modes.get(mode)?.find((v) => v.effective?.from === quoted.version.from);
    const plan = version?.editions.get(edition);
    const document = months[i];
    // The quote names a version and edition of its own rule set, one per month of the document.
    if (!version || !plan || !document || !linesOnly(version, plan, addons)) return undefined;
    const month = scaledMonth(ruleSet, version, plan, document, i, new Decimal(quoted.total), shared);
    if (!month) return undefined;
    scaledMonths.push(month);
  }
  return {
    label,
    allowed: unmetNeeds(ruleSet, option.forecast, mode, edition, addons, needs) === undefined,
    months: scaledMonths,
  };
}

/** Whether a month's total of this edition is its lines added up, and only charge lines move with usage. */
function linesOnly(version: ModePlan, edition: EditionPlan, addons: AddonChoices): boolean {
  if (version.discounts.length || edition.minimumSpend || edition.maximumSpend || edition.fee.kind === "per-unit")
    return false;
  return Object.keys(addons).every((id) => {
    const addon = version.addons.get(id);
    return addon && !buyingReadsUsage(addon);
  });
}

function scaledMonth(
  ruleSet: Plan,
  version: ModePlan,
  edition: EditionPlan,
  month: UsageDocument,
  index: number,
  total: Decimal,
  shared: Shared,
): ScaledMonth | undefined {
  const period = parsePeriod(month.period);
  if (!period) return undefined; // a quoted month's period is valid
  const readingOf = (meter: MeterPlan): Reading | undefined | null => {
    const raw = Object.hasOwn(month.usage, meter.id) ? month.usage[meter.id] : undefined;
    if (raw === undefined) return undefined;
    // A fraction scaled by a factor may get more decimals than a document may have: quoted instead.
    if (!shared.integer(meter.id)) return null;
    const key = `${index}\u0000${meter.id}\u0000${meter.aggregate}\u0000${meter.missingDays}\u0000${meter.decimals}`;
    const known = shared.readings.get(key);
    if (known) return known;
    const reading = scaledReading(meter, raw, period);
    if (reading) shared.readings.set(key, reading);
    return reading;
  };
  const charges: ChargeTerm[] = [];
  for (const charge of version.charges) {
    if (!appliesWith(charge, edition.id)) continue;
    const meter = version.meters.get(charge.meter);
    // Priced by cell (a meter with dimensions), or by a meter the version lacks: quoted instead.
    if (!meter || meter.dimensions.length || !charge.price) return undefined;
    const reading = readingOf(meter);
    if (reading === null) return undefined;
    if (!reading) continue; // not reported: no line at any factor
    const quota = edition.quotas.get(meter.id);
    // A quota of the first months or by day depends on the month or each day: quoted instead.
    if (quota?.firstMonths !== undefined || quota?.includedPerDay) return undefined;
    const included = quota?.included ?? ZERO;
    charges.push({
      charge,
      price: charge.price,
      reading,
      included,
      limit: quota?.limit,
      context: { meter, period, included, scale: ruleSet.money.scale },
      money: ruleSet.money,
    });
  }
  const limits: ScaledMonth["limits"] = [];
  for (const [id, quota] of edition.quotas) {
    const meter = version.meters.get(id);
    const reading = meter && readingOf(meter);
    if (reading === null) return undefined;
    if (quota.limit && reading) limits.push({ meter: id, reading, limit: quota.limit });
  }
  const one = new Decimal(1);
  const base = charges.reduce((sum, term) => sum.minus(chargeAmount(term, one)), total);
  return { base, charges, limits };
}

/** A month value of a meter of whole units at a factor, as the meter would read the scaled values (rounded up); null for a value it reads otherwise. */
function scaledReading(meter: MeterPlan, raw: MeterValue, period: Period): Reading | null {
  const scale = (value: Quantity, factor: Decimal) => new Decimal(value).mul(factor).ceil();
  if (typeof raw === "object" && !Array.isArray(raw)) return null;
  const days = (Array.isArray(raw) ? raw : [raw]).map((value) => ({ value, decimal: new Decimal(value) }));
  // Ten times a value must still have the digits a document may have.
  if (days.some(({ decimal }) => decimal.times(MOST_FACTOR).gte(TOO_LARGE))) return null;
  const single = (value: Quantity): Reading =>
    Object.assign((factor: Decimal) => scale(value, factor), { value: new Decimal(value) });
  if (!Array.isArray(raw)) return single(raw);
  if (meter.aggregate === "sum" || meter.aggregate === "average") {
    const over = meter.missingDays === "ignore" ? raw.length : period.days;
    return (factor) => {
      const total = raw.reduce((sum: Decimal, value) => sum.plus(scale(value, factor)), ZERO);
      return meter.aggregate === "sum" ? total : total.div(over).toDecimalPlaces(meter.decimals, Decimal.ROUND_HALF_UP);
    };
  }
  // Scaling keeps the order of values (rounding up may only make two equal), so the day picked keeps its value.
  const picked =
    meter.aggregate === "latest"
      ? days.at(-1)
      : days.reduce<(typeof days)[number] | undefined>(
          (best, day) =>
            !best || (meter.aggregate === "max" ? day.decimal.gt(best.decimal) : day.decimal.lt(best.decimal))
              ? day
              : best,
          undefined,
        );
  return picked ? single(picked.value) : null;
}

/** A charge line's rounded amount at a factor, as charge-lines.ts prices it. */
export function chargeAmount(term: ChargeTerm, factor: Decimal): Decimal {
  const value = term.reading(factor);
  const capped = term.limit && value.gt(term.limit) ? term.limit : value;
  const billable = capped.gt(term.included) ? capped.minus(term.included) : ZERO;
  const priced = term.price(billable, term.context);
  const amount = term.charge.cap && priced.amount.gt(term.charge.cap) ? term.charge.cap : priced.amount;
  return roundLine(amount, term.money);
}

/** The cheapest possible option at a factor, chosen as optionsByEdition and compare choose: per edition, then overall, earliest on a tie. */
function cheapestOf(editions: ScaledOption[][], factor: Decimal): string {
  let best: { label: string; total: Decimal } | undefined;
  for (const tries of editions) {
    for (const option of tries) {
      const total = totalAt(option, factor);
      if (total && (!best || total.lt(best.total))) best = { label: option.label, total };
    }
  }
  return best?.label ?? "none";
}

/** An option's total over every month at a factor; undefined when it is refused or goes past a hard limit. */
function totalAt(option: ScaledOption, factor: Decimal): Decimal | undefined {
  if (!option.allowed) return undefined;
  let total = ZERO;
  for (const month of option.months) {
    if (month.limits.some(({ reading, limit }) => reading(factor).gt(limit))) return undefined;
    total = month.charges.reduce((sum, term) => sum.plus(chargeAmount(term, factor)), total.plus(month.base));
  }
  return total;
}
