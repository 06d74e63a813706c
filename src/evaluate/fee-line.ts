import { daysBetween, shortDate } from "../calendar/dates.js";
import { intervalMonth, type IntervalPlace } from "../usage/fee-interval.js";
import type { Period } from "../calendar/period.js";
import { Decimal, isOne, ONE, ZERO } from "../money/decimal.js";
import { counted, groupDigits, groupMoney } from "../money/format.js";
import { moneyText, type MoneyPolicy } from "../money/policy.js";
import type { EditionPlan, ModePlan, QuoteWarning } from "../model/plan.js";
import type { MeterReading } from "../usage/meter-reading.js";
import type { Segment } from "../usage/resolve-segments.js";
import { AGREED } from "./charge-lines.js";
import type { DraftLine, LineWords } from "./draft-line.js";

interface FeeInput {
  segments: readonly Segment[];
  /** The edition at the end of the month. */
  edition: EditionPlan;
  mode: ModePlan;
  period: Period;
  money: MoneyPolicy;
  meters: ReadonlyMap<string, MeterReading>;
  /** The app's creation date, where fee intervals count from it (resolved usage guarantees it). */
  createdAt?: string | undefined;
  /** Units of a per-unit interval fee already billed for the month's interval (resolved usage checked it applies). */
  feeUnitsPaid?: Decimal | undefined;
  warnings: QuoteWarning[];
}

/** What one month of an edition's fee bills: how many units at what price, and how to say it. */
interface MonthFee {
  units: Decimal;
  unitPrice: Decimal;
  /** The meter counted and its unit ("seat", "seats") when the fee is per unit of a meter; undefined for a flat fee. */
  meter?: { id: string; unit: string; plural: string };
  note?: string;
}

/**
 * The plan fee: the edition in force at the end of the month for the whole month, or, under
 * daily proration, each edition for its days (fee × days / days in the month). A per-unit fee
 * bills the meter's month value × the unit price; `fee: none` bills no fee line at all.
 */
export function feeLines(input: FeeInput): DraftLine[] {
  const { segments, mode, period, money } = input;
  const stretches = editionStretches(segments);
  warnFeesOnRequest(segments, input.warnings);
  if (mode.planChanges.proration === "none" || stretches.length === 1) {
    const { edition } = input;
    if (edition.fee.kind === "none") return [];
    if (edition.feeInterval) return intervalFee(edition, edition.feeInterval, input);
    return [wholeMonth(edition, monthFee(edition, input), money)];
  }
  return stretches
    .filter((stretch) => stretch.edition.fee.kind !== "none")
    .map((segment) => {
      const days = daysBetween(segment.from, segment.to) + 1;
      const { edition } = segment;
      const fee = monthFee(edition, input);
      const amount = fee.unitPrice.mul(fee.units).mul(days).div(period.days);
      const span = `${shortDate(segment.from)}–${shortDate(segment.to)}`;
      const each = fee.meter ? ` × ${counted(fee.units, fee.meter)}` : "";
      return line(edition, {
        description: `${edition.name} plan fee (${span})`,
        quantity: new Decimal(days),
        // Per unit, the units are in the unit ("days of 31 × 3 seats"): 9 × 20.00 alone is not the amount.
        unit: `days of ${period.days}${each}`,
        unitPrice: fee.unitPrice,
        amount,
        words: () => ({
          text: `${edition.name}, ${span}: ${groupMoney(fee.unitPrice, money.scale)}${each} × ${days}/${period.days} = ${groupMoney(amount, money.scale)} (charged by day)`,
          explanation: `${edition.name} for ${days} of ${period.days} days (${span}), charged by day: ${moneyText(fee.unitPrice, money)}${each} × ${days}/${period.days} = ${moneyText(amount, money)}.`,
        }),
      });
    });
}

function monthFee(edition: EditionPlan, input: FeeInput): MonthFee {
  const { fee } = edition;
  if (fee.kind === "flat") return { units: ONE, unitPrice: fee.amount };
  if (fee.kind === "per-unit") {
    const meter = input.mode.meters.get(fee.meter)!;
    return {
      units: input.meters.get(fee.meter)?.value ?? ZERO,
      unitPrice: fee.unitPrice,
      meter: { id: fee.meter, unit: meter.unit, plural: meter.plural },
    };
  }
  return { units: ONE, unitPrice: ZERO, note: edition.validity === "permanent" ? "Free, permanent" : "Free" };
}

/**
 * A fee for several months, billed in advance: the whole interval's fee in its first month, no
 * fee line in the others (a warning says when it is due) but, for a per-unit fee whose units
 * already billed are given, the units added since, for the months left. Intervals start in
 * January (calendar) or in the month the app was created (signup).
 */
function intervalFee(
  edition: EditionPlan,
  interval: NonNullable<EditionPlan["feeInterval"]>,
  input: FeeInput,
): DraftLine[] {
  const place = intervalMonth(interval, input.period, input.createdAt);
  const { word, due } = place;
  if (due) {
    const fee = monthFee(edition, input);
    input.warnings.push({ code: "fee.in-advance", message: inAdvanceMessage(edition, fee, place, input) });
    const paid = input.feeUnitsPaid;
    return fee.meter && paid && fee.units.gt(paid) ? [addedUnits(edition, fee, fee.meter, paid, place, input)] : [];
  }
  const line = wholeMonth(edition, monthFee(edition, input), input.money, word);
  return [{ ...line, description: `${edition.name} plan fee (a ${word} in advance)` }];
}

function inAdvanceMessage(edition: EditionPlan, fee: MonthFee, place: IntervalPlace, input: FeeInput): string {
  const start = `${edition.name}'s fee is billed a ${place.word} in advance; ${input.period.month}`;
  const next = `the next is due in ${place.due}`;
  if (!fee.meter) return `${start} bills none of it, ${next}`;
  const { plural } = fee.meter;
  if (input.feeUnitsPaid) return `${start} bills only the ${plural} added since the ${place.word} was billed, ${next}`;
  return `${start} bills none of it, ${next}; ${plural} added since the ${place.word} was billed are billed only when the document gives feeUnitsPaid`;
}

/**
 * The units added since the interval was billed, for the months left of it, this month included:
 * (units − paid) × unit price × months left / months in the interval.
 */
function addedUnits(
  edition: EditionPlan,
  fee: MonthFee,
  meter: NonNullable<MonthFee["meter"]>,
  paid: Decimal,
  place: IntervalPlace,
  input: FeeInput,
): DraftLine {
  const { money } = input;
  const added = fee.units.minus(paid);
  const { left, months, word } = place;
  const amount = added.mul(fee.unitPrice).mul(left).div(months);
  const units = counted(added, meter);
  const since = `${units} added since the ${word} was billed`;
  const share = `${left}/${months} months left`;
  return {
    ...line(edition, {
      description: `${edition.name} plan fee: ${since} (${share})`,
      quantity: added,
      // The share is in the unit ("seats × 11/12 months left"): 3 × 40.00 alone is not the amount.
      unit: `${isOne(added) ? meter.unit : meter.plural} × ${share}`,
      unitPrice: fee.unitPrice,
      amount,
      words: () => ({
        text: `${edition.name}: ${since} × ${groupMoney(fee.unitPrice, money.scale)} × ${share} = ${groupMoney(amount, money.scale)}`,
        explanation: `${edition.name} costs ${moneyText(fee.unitPrice, money)} per ${meter.unit} a ${word}, billed in advance; this ${word} was billed for ${groupDigits(paid)} and there are ${groupDigits(fee.units)} now: ${since} × ${moneyText(fee.unitPrice, money)} × ${share} = ${moneyText(amount, money)}.`,
      }),
    }),
    id: `${edition.id}-added-${meter.id}`,
  };
}

/** Consecutive segments with the same edition joined: add-on changes do not split the plan fee. */
export function editionStretches(segments: readonly Segment[]): Omit<Segment, "addons">[] {
  const stretches: Omit<Segment, "addons">[] = [];
  for (const { from, to, edition } of segments) {
    const last = stretches.at(-1);
    if (last && last.edition.id === edition.id) last.to = to;
    else stretches.push({ from, to, edition });
  }
  return stretches;
}

/**
 * The edition's plan fee for a whole month, or for the whole interval (`per`: "year") of a fee billed
 * in advance; a zero line for a free edition, so every quote names its plan.
 */
function wholeMonth(edition: EditionPlan, fee: MonthFee, money: MoneyPolicy, per = "month"): DraftLine {
  const advance = per === "month" ? "" : `, billed in advance in the first month of each ${per}`;
  const amount = fee.unitPrice.mul(fee.units);
  const permanent = edition.validity === "permanent";
  const words = (): LineWords => {
    if (edition.fee.kind === "free")
      return {
        explanation: `${edition.name} is free${permanent ? ", with no time limit" : ""}.`,
        text: `${edition.name} is free${permanent ? " (permanent)" : ""}`,
      };
    if (!fee.meter)
      return {
        explanation: `${edition.name} costs ${moneyText(amount, money)} a ${per}${advance}.`,
        text: `${edition.name}: 1 ${per} × ${groupMoney(amount, money.scale)}${advance ? ", in advance" : ""}`,
      };
    const units = counted(fee.units, fee.meter);
    return {
      explanation: `${edition.name} costs ${moneyText(fee.unitPrice, money)} per ${fee.meter.unit} a ${per}${advance}: ${units} = ${moneyText(amount, money)}.`,
      text: `${edition.name}: ${units} × ${groupMoney(fee.unitPrice, money.scale)} = ${groupMoney(amount, money.scale)}`,
    };
  };
  return line(edition, {
    description: `${edition.name} plan fee`,
    quantity: fee.meter ? fee.units : ONE,
    unit: fee.meter?.unit ?? per,
    unitPrice: fee.unitPrice,
    amount,
    note: fee.note,
    words,
  });
}

function line(
  edition: EditionPlan,
  fields: Pick<DraftLine, "description" | "quantity" | "unit" | "unitPrice" | "amount" | "note" | "words">,
): DraftLine {
  return {
    id: edition.id,
    kind: "fee",
    rule: `edition/${edition.id}`,
    ...fields,
    ...(edition.override && !fields.note ? { note: AGREED } : {}),
  };
}

/** An edition with no public price bills no fee; the quote says that its fee is not in it. */
function warnFeesOnRequest(segments: readonly Segment[], warnings: QuoteWarning[]): void {
  for (const edition of new Set(segments.map((segment) => segment.edition))) {
    if (edition.fee.kind === "none" && edition.feeOnRequest) {
      warnings.push({
        code: "fee.on-request",
        message: `${edition.name} has no public price (${edition.feeOnRequest}); its fee is not in this quote`,
      });
    }
  }
}
