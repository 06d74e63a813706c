import type { Period } from "../calendar/period.js";
import { selectsCell, type CellSelector } from "../model/cells.js";
import { Decimal, isOne, sameValue, ZERO } from "../money/decimal.js";
import { counted, groupDigits, unitOf } from "../money/format.js";
import { shortDate, shortDateYear } from "../calendar/dates.js";
import { firstMonthsEnd, firstMonthsText, type FreeShare } from "../calendar/first-months.js";
import {
  appliesWith,
  type CellCounts,
  type ChargePlan,
  type EditionPlan,
  type MeterPlan,
  type ModePlan,
  type Priced,
  type Pricer,
  type PricingContext,
  type QuotaPlan,
  type QuoteWarning,
} from "../model/plan.js";
import { moneyText, type MoneyPolicy } from "../money/policy.js";
import type { MeterReading } from "../usage/meter-reading.js";
import type { TraceStep } from "../model/quote.js";
import type { DraftLine, LineWords } from "./draft-line.js";

/** A charge's line; an unpriced one (no published price applies) is traced, then left out of the quote. */
type ChargeDraft = DraftLine & Pick<Priced, "unpriced">;

/** The note on a line priced by the customer's agreed price. */
export const AGREED = "Customer's agreed price";

interface ChargeInput {
  mode: ModePlan;
  edition: EditionPlan;
  meters: ReadonlyMap<string, MeterReading>;
  period: Period;
  money: MoneyPolicy;
}

/**
 * One line per charge of the edition: usage is capped at the hard limit (what is above it is
 * blocked, not billed), the included quota is taken off, and the charge's model prices the rest.
 */
export function chargeLines(input: ChargeInput, warnings: QuoteWarning[], trace: TraceStep[] | undefined): DraftLine[] {
  const lines: DraftLine[] = [];
  for (const charge of input.mode.charges) {
    if (!appliesWith(charge, input.edition.id)) continue;
    const reading = input.meters.get(charge.meter);
    if (!reading) {
      trace?.push({
        rule: `charge/${charge.id}`,
        text: `${charge.name}: ${input.mode.meters.get(charge.meter)!.name} not reported, nothing charged`,
      });
      continue;
    }
    const quota = input.edition.quotas.get(charge.meter);
    const commitment = input.edition.commitment?.meter === charge.meter ? input.edition.commitment : undefined;
    const quotaIncluded = quota ? includedOf(quota, reading, input.meters) : ZERO;
    const included = commitment ? quotaIncluded.plus(commitment.quantity) : quotaIncluded;
    const allotment =
      quota?.includedPer || quota?.includedPerDay || quota?.grant || commitment
        ? allotmentOf(quota, commitment, reading.meter, input)
        : undefined;
    const drafts =
      !charge.price || reading.cells
        ? cellLines(charge, reading, cellPools(input, reading, quotaIncluded, commitment), input, warnings)
        : [
            chargeLine(
              charge,
              charge.price,
              reading,
              { included, allotment, limit: quota?.limit, id: charge.id, description: charge.name },
              input,
              warnings,
            ),
          ];
    for (const line of drafts) {
      trace?.push({ rule: `charge/${charge.id}`, text: line.words().text });
      if (!line.unpriced) lines.push(line);
    }
  }
  return lines;
}

/** How the included quantity came about, when it is more than a fixed quota: "100 per host × 40 hosts + 1,000 committed". */
function allotmentOf(
  quota: QuotaPlan | undefined,
  commitment: EditionPlan["commitment"],
  charged: MeterPlan,
  input: ChargeInput,
): string | undefined {
  const reasons = [
    quota?.includedPer && allotmentWords(quota.includedPer, charged, input),
    quota?.includedPerDay && quota.grant?.days !== 0 && dailyWords(quota.includedPerDay, quota.grant, charged),
    quota?.grant && !quota.includedPerDay && !quota.included.isZero() && grantWords(quota, quota.grant, charged),
    commitment && `${groupDigits(commitment.quantity)} committed`,
  ].filter(Boolean);
  return reasons.length ? reasons.join(" + ") : undefined;
}

/** "the first 2,500 transactions each day", on the days of the first months when they end this month. */
function dailyWords(perDay: Decimal, grant: FreeShare | undefined, charged: MeterPlan): string {
  const each = `the first ${counted(perDay, charged)} each day`;
  if (!grant || grant.days === grant.of) return each;
  return `${each} of the ${grant.days} before ${firstMonthsEnd(grant.months)} on ${shortDateYear(grant.ends)}`;
}

/** "5 GB in the first 12 months from sign-up", or "5 GB × 15/31 days (…)" in the month they end. */
function grantWords(quota: QuotaPlan, grant: FreeShare, charged: MeterPlan): string {
  const whole = counted(quota.monthly ?? quota.included, charged);
  if (grant.days === grant.of) return `${whole} in ${firstMonthsText(grant.months)}`;
  return `${whole} × ${grant.days}/${grant.of} days (${firstMonthsEnd(grant.months)} on ${shortDateYear(grant.ends)}), rounded down to ${charged.integer ? "whole units" : `${charged.decimals} decimals`}`;
}

/** The days' values less the daily allowance each, never below zero: what the allowance covers is the rest. */
function dailyIncluded(perDay: Decimal, reading: MeterReading, days: number | undefined): Decimal {
  let covered = ZERO;
  const values = reading.days ?? [];
  const granted = Math.min(values.length, days ?? values.length);
  for (let i = 0; i < granted; i++) covered = covered.plus(Decimal.min(perDay, new Decimal(values[i]!)));
  return covered;
}

/** The included quantity: fixed, a daily allowance, or the allotment × the month value of the meter it is per (none when not reported). */
function includedOf(quota: QuotaPlan, reading: MeterReading, meters: ReadonlyMap<string, MeterReading>): Decimal {
  if (quota.includedPerDay) return dailyIncluded(quota.includedPerDay, reading, quota.grant?.days);
  if (!quota.includedPer) return quota.included;
  const per = meters.get(quota.includedPer.meter);
  return per ? quota.includedPer.amount.times(per.value) : ZERO;
}

/** "100 metrics per host × 40 hosts", "3 GB per GB of storage × 1,500 GB": how an allotment per unit of another meter came to its quantity. */
function allotmentWords(per: NonNullable<QuotaPlan["includedPer"]>, charged: MeterPlan, input: ChargeInput): string {
  const meter = input.mode.meters.get(per.meter)!;
  return `${counted(per.amount, charged)} per ${unitOf(meter)} × ${counted(input.meters.get(per.meter)?.value ?? ZERO, meter)}`;
}

/** What is left of a quota or a commitment to take off the cells it covers. */
interface Pool {
  cells?: CellSelector | undefined;
  left: Decimal;
}

/**
 * The quantities a meter's cells share: the edition's quota for every cell (`quota`, already
 * counted) or its quotas for some cells, then the commitment. A cell takes from its quota first.
 */
function cellPools(
  input: ChargeInput,
  reading: MeterReading,
  quota: Decimal,
  commitment: EditionPlan["commitment"],
): Pool[] {
  const byCell = input.edition.cellQuotas?.get(reading.meter.id);
  const pools: Pool[] = byCell
    ? byCell.map((q) => ({ cells: q.cells, left: includedOf(q, reading, input.meters) }))
    : [{ left: quota }];
  if (commitment) pools.push({ cells: commitment.cells, left: commitment.quantity });
  return pools;
}

/**
 * One line per cell of a meter with dimensions, priced by the charge's price or its first
 * matching `prices` entry. Quotas and a commitment are taken off the cells they cover in the
 * cells' order (the order the values are listed). A cell no entry prices gets a warning and no
 * line, never an invented price.
 */
function cellLines(
  charge: ChargePlan,
  reading: MeterReading,
  pools: readonly Pool[],
  input: ChargeInput,
  warnings: QuoteWarning[],
): ChargeDraft[] {
  const { dimensions } = reading.meter;
  // A meter without dimensions has no cells: check refuses prices by cell for it.
  const cells = (reading.cells ?? []).map((cell) => ({ ...cell, free: takeOff(pools, dimensions, cell) }));
  let sums: ReturnType<typeof cellSums> | undefined;
  const lines: ChargeDraft[] = [];
  for (const [index, cell] of cells.entries()) {
    const meterCells = () => {
      sums ??= cellSums(cells);
      // The cells are those summed: every index has its entry.
      return { before: sums.before[index] ?? NO_UNITS, all: sums.all };
    };
    const price = charge.price ?? charge.prices?.find((entry) => matches(entry.match, dimensions, cell.values))?.price;
    const name = cell.values.join(", ");
    if (!price) {
      warnings.push({
        code: "cell.unpriced",
        message: `${charge.name} has no price for ${name}; its ${groupDigits(cell.reading.value)} ${reading.meter.plural} are not priced in this quote`,
      });
      continue;
    }
    lines.push(
      chargeLine(
        charge,
        price,
        cell.reading,
        {
          included: cell.free,
          id: `${charge.id}.${cell.values.join(".")}`,
          description: `${charge.name} (${name})`,
          meterCells,
        },
        input,
        warnings,
      ),
    );
  }
  return lines;
}

const NO_UNITS: CellCounts = { total: ZERO, billable: ZERO };

/** The units of the cells before each cell (listed order) and of all of them: all units, and billable ones. */
function cellSums(cells: readonly { reading: MeterReading; free: Decimal }[]): {
  before: CellCounts[];
  all: CellCounts;
} {
  const before: CellCounts[] = [];
  let sum = NO_UNITS;
  for (const cell of cells) {
    before.push(sum);
    sum = {
      total: sum.total.plus(cell.reading.value),
      billable: sum.billable.plus(cell.reading.value.minus(cell.free)),
    };
  }
  return { before, all: sum };
}

/** A cell's included quantity: taken from each pool that covers it, in order, until the cell's value is reached. */
function takeOff(
  pools: readonly Pool[],
  dimensions: MeterPlan["dimensions"],
  cell: { values: readonly string[]; reading: MeterReading },
): Decimal {
  let free = ZERO;
  for (const pool of pools) {
    // Without a quota left (the common case) nothing is taken off: no Decimal arithmetic.
    if (pool.left.isZero() || !selectsCell(pool.cells, dimensions, cell.values)) continue;
    const take = Decimal.min(pool.left, cell.reading.value.minus(free));
    pool.left = pool.left.minus(take);
    free = free.plus(take);
  }
  return free;
}

/** Whether a cell's dimension values are those a `prices` entry matches. */
function matches(
  match: ReadonlyMap<string, string>,
  dimensions: readonly { id: string }[],
  values: readonly string[],
): boolean {
  for (const [dimension, value] of match) {
    let index = 0;
    while (index < dimensions.length && dimensions[index]?.id !== dimension) index++;
    if (values[index] !== value) return false;
  }
  return true;
}

/** How one line of a charge is placed: its quota share, hard limit, id and description. */
interface LineTerms {
  included: Decimal;
  /** How an included quantity per unit of another meter was reached. */
  allotment?: string | undefined;
  limit?: Decimal | undefined;
  id: string;
  description: string;
  /** For a cell: the meter's units before it and in all its cells (tiers counted over the meter). */
  meterCells?: PricingContext["meterCells"];
}

function chargeLine(
  charge: ChargePlan,
  price: Pricer,
  reading: MeterReading,
  terms: LineTerms,
  input: ChargeInput,
  warnings: QuoteWarning[],
): ChargeDraft {
  const { included, limit } = terms;
  const capped = limit && reading.value.gt(limit) ? limit : reading.value;
  const billable = billableOf(capped, included, capped === reading.value);
  const context: PricingContext = { meter: reading.meter, period: input.period, included, scale: input.money.scale };
  if (terms.meterCells) context.meterCells = terms.meterCells;
  const priced = price(billable, context);
  if (priced.warnings) warnings.push(...priced.warnings);
  const figures = { capped, included, billable, priced, allotment: terms.allotment };
  const amount = charge.cap && priced.amount.gt(charge.cap) ? charge.cap : priced.amount;
  // Worded once: the trace and the line's explanation both ask.
  let worded: LineWords | undefined;
  const draft: ChargeDraft = {
    id: terms.id,
    kind: "usage",
    description: terms.description,
    quantity: priced.quantity,
    unit: priced.unit,
    unitPrice: priced.unitPrice,
    amount,
    rule: `charge/${charge.id}`,
    words: () =>
      (worded ??= chargeWords(reading, figures, input, sameValue(amount, priced.amount) ? undefined : amount)),
  };
  // Set, not spread in: spreading the optional fields into every line cost more than the line.
  if (priced.note || charge.override) draft.note = priced.note ?? AGREED;
  if (priced.unpriced) draft.unpriced = true;
  return draft;
}

/**
 * What is billed: the usage above what is included. Usage with nothing included is billed as
 * it is, without arithmetic (a value from the rules, a hard limit, is never passed on as it is:
 * it may carry the places it was written with).
 */
function billableOf(capped: Decimal, included: Decimal, isUsage: boolean): Decimal {
  if (isUsage && included.isZero()) return capped.isZero() ? ZERO : capped;
  return capped.gt(included) ? capped.minus(included) : ZERO;
}

interface Figures {
  allotment?: string | undefined;
  capped: Decimal;
  included: Decimal;
  billable: Decimal;
  priced: Priced;
}

/** The line's figures as written for people, each grouped once: the text and the explanation both show them. */
interface Written {
  included: string;
  billable: string;
}

/** The line's words; `cap` is the charge's monthly cap when it lowered the amount. */
function chargeWords(reading: MeterReading, figures: Figures, input: ChargeInput, cap: Decimal | undefined): LineWords {
  const { capped, included, billable } = figures;
  const read = reading.words();
  const priced = figures.priced.words();
  const written: Written = { included: groupDigits(included), billable: groupDigits(billable) };
  let text = read.label;
  if (!sameValue(capped, reading.value)) text += `, capped at the hard limit ${groupDigits(capped)}`;
  if (!included.isZero())
    text += ` − ${written.included} included${figures.allotment ? ` (${figures.allotment})` : ""} = ${written.billable}`;
  const explanation = explain(reading, read.name, figures, written, priced.phrase, input);
  if (!cap) return { text: `${text} ${priced.text}`, explanation };
  return {
    text: `${text} ${priced.text}, capped at ${groupDigits(cap)} a month`,
    explanation: `${explanation} The charge is capped at ${moneyText(cap, input.money)} a month.`,
  };
}

/** "Peak users: 12,345 users on 14 Oct. Plus includes 10,000; the 2,345 above it are billed in 3 blocks …" */
function explain(
  reading: MeterReading,
  name: string,
  figures: Figures,
  written: Written,
  phrase: string,
  input: ChargeInput,
): string {
  const { capped, included, billable, priced, allotment } = figures;
  const { meter } = reading;
  const includes = `${input.edition.name} includes ${allotment ? `${allotment} = ` : ""}`;
  const billableCounted = `${written.billable} ${isOne(billable) ? meter.unit : meter.plural}`;
  // "Peak seats: 12 seats on 2 Oct." — the value with its unit, whatever the meter's name.
  let text = `${name.charAt(0).toUpperCase()}${name.slice(1)}: ${counted(reading.value, meter)}${reading.on ? ` on ${shortDate(reading.on)}` : ""}.`;
  if (!sameValue(capped, reading.value))
    text += ` ${input.edition.name} is capped at ${counted(capped, meter)}; the ${groupDigits(reading.value.minus(capped))} above the cap ${reading.value.minus(capped).eq(1) ? "is" : "are"} blocked, not billed.`;
  const cost =
    priced.note && priced.amount.isZero() ? phrase : `billed ${phrase} = ${moneyText(priced.amount, input.money)}`;
  if (billable.isZero())
    text += ` ${includes}${written.included} ${isOne(included) ? meter.unit : meter.plural}, so nothing is billed.`;
  else if (included.isZero())
    text += isOne(billable) ? ` The ${billableCounted} is ${cost}.` : ` All ${billableCounted} are ${cost}.`;
  else
    text += ` ${includes}${written.included} ${isOne(included) ? meter.unit : meter.plural}; the ${billableCounted} above it ${isOne(billable) ? "is" : "are"} ${cost}.`;
  return text;
}

/** A warning for every hard limit the usage goes past. */
export function limitWarnings(edition: EditionPlan, meters: ReadonlyMap<string, MeterReading>): QuoteWarning[] {
  const warnings: QuoteWarning[] = [];
  for (const [id, quota] of edition.quotas) {
    const reading = meters.get(id);
    if (!quota.limit || !reading || reading.value.lte(quota.limit)) continue;
    const over = reading.value.minus(quota.limit);
    warnings.push({
      code: "limit.exceeded",
      message: `${reading.words().label} exceeds ${edition.name}'s hard limit of ${groupDigits(quota.limit)}; the ${groupDigits(over)} above it are blocked by the service, not billed`,
    });
  }
  return warnings;
}
