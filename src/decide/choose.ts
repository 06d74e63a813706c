import type { Plan, RuleSet } from "../model/plan.js";
import { usageSource } from "../evaluate/quote.js";
import { listed } from "../errors/format.js";
import type { Problem } from "../errors/problem.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { clip } from "../guard/clip.js";
import type { SourceDocument } from "../load/source-document.js";
import { Decimal } from "../money/decimal.js";
import type { AddonChoices, Quantity, UsageDocument, MeterValue } from "../model/usage.js";
import { evaluateOption, quotedVersion, type EvaluateOption, type Option } from "./evaluate-option.js";
import { grantsOf } from "./entitlements.js";
import { forecastOf, lastMonth, monthlyForecast, type MonthlyForecast } from "./months.js";
import { readNeeds, type Need } from "./needs.js";
import { addonSets, NOTHING_BOUGHT, type Bought } from "./options.js";
import { cheapestAmong, scaledOptions, type ScaledOption } from "./scaled-costs.js";
import { movingValue, usageChanges } from "./usage-break-evens.js";
import { monthDocuments } from "./months.js";
import { parsePeriod } from "../calendar/period.js";
import { assertRuleSet } from "../compile/compiled.js";
import { guarded } from "../errors/entry.js";

/** evaluateOption for one document, each answer kept: compare prices every option for itself and again for its break-evens. */
function remembered(ruleSet: Plan, doc: UsageDocument, needs: readonly Need[]): EvaluateOption {
  const known = new Map<string, Option>();
  return (mode, edition, addons) => {
    const key = JSON.stringify([mode, edition, addons]);
    const seen = known.get(key);
    if (seen) return seen;
    const option = evaluateOption(ruleSet, doc, mode, edition, addons, needs);
    known.set(key, option);
    return option;
  };
}

/** For every edition of every mode: its cheapest way to meet the needs and buy the kept add-ons, or why it cannot. Cheapest first. */
export function optionsByEdition(
  ruleSet: Plan,
  doc: UsageDocument,
  needs: readonly Need[],
  evaluate: EvaluateOption = (mode, edition, addons) => evaluateOption(ruleSet, doc, mode, edition, addons, needs),
  bought: Bought = NOTHING_BOUGHT,
): Option[] {
  const options: Option[] = [];
  for (const [modeId, versions] of ruleSet.modes) {
    const editions = new Map(
      versions.flatMap((v) => [...v.editions.values()].map((e) => [e.id, { version: v, edition: e }] as const)),
    );
    for (const { version, edition } of editions.values()) {
      const lacking = Object.keys(bought.kept).find((id) => !version.addons.has(id));
      if (lacking !== undefined) {
        const reason = `${modeId} has no add-on ${lacking}, which the current subscription buys`;
        options.push({ mode: modeId, edition: edition.id, addons: bought.kept, reason });
        continue;
      }
      const tries = addonSets(version, edition, needs, bought).map((addons) => evaluate(modeId, edition.id, addons));
      const chosen = cheapestPossible(tries) ?? tries[0];
      if (chosen) options.push(chosen);
    }
  }
  return options.sort(byCost);
}

/** The possible option with the lowest total, the earliest on a tie; undefined when none is possible. */
function cheapestPossible(options: readonly Option[]): Option | undefined {
  let best: { option: Option; total: Decimal } | undefined;
  for (const option of options) {
    const total = possibleTotal(option);
    if (total && (!best || total.lt(best.total))) best = { option, total };
  }
  return best?.option;
}

/** Possible options by total, then the impossible ones in rule order. */
function byCost(a: Option, b: Option): number {
  const [totalA, totalB] = [possibleTotal(a), possibleTotal(b)];
  if (!totalA || !totalB) return (totalA ? 0 : 1) - (totalB ? 0 : 1);
  return totalA.comparedTo(totalB);
}

/** An option's total when it is possible: an option without a reason always has one. */
function possibleTotal(option: Option): Decimal | undefined {
  return option.reason ? undefined : option.total;
}

/**
 * What the current subscription buys, which every alternative must give too: each add-on of the
 * (last) month that grants entitlements in its edition is needed through them (another edition
 * may include them); one that grants nothing is kept as itself, its option value and quantity as bought.
 */
function boughtByCurrent(ruleSet: Plan, doc: UsageDocument, current: MonthlyForecast): Wanted {
  const last = lastMonth(current);
  const version = quotedVersion(ruleSet, last.mode, last);
  const edition = version?.editions.get(last.edition);
  const needs = new Map<string, Need>();
  const bought: Bought = { kept: {}, all: {} };
  if (!version || !edition) return { needs: [], bought }; // a quote names a version and edition of its own rule set
  for (const [id, value] of Object.entries(monthDocuments(doc).at(-1)?.addons ?? {})) {
    const addon = version.addons.get(id);
    if (!addon || value === false) continue;
    bought.all[id] = value;
    const grants = grantsOf(addon, edition, typeof value === "object" ? value : {});
    if (grants.size === 0) bought.kept[id] = value;
    for (const [entitlement, limit] of grants) needs.set(entitlement, { entitlement, atLeast: limit });
  }
  return { needs: [...needs.values()], bought };
}

/** What an alternative must give: the needs, and the add-ons it must buy as the current subscription does. */
interface Wanted {
  needs: Need[];
  bought: Bought;
}

/** The choice a usage document makes. */
export interface CurrentChoice {
  /** Its billing mode. */
  mode: string;
  /** Its edition at the end of the (last) month. */
  edition: string;
  /** Its total over every month. */
  total: Decimal;
}

/** An option of a comparison. */
export interface ComparedOption extends Option {
  /** Its total minus the current choice's; absent when it is not possible. */
  difference?: Decimal;
}

/** What `compare` finds. */
export interface Comparison {
  /** The document's own choice and its total. */
  current: CurrentChoice;
  /** How many months the totals cover. */
  months: number;
  /** What the document's add-ons give, which every alternative must give too. */
  needs: Need[];
  /** The document's add-ons that grant nothing: every alternative buys them as bought, unless its edition includes them. */
  keptAddons: AddonChoices;
  /** Every edition of every mode, cheapest possible first, with the difference from `current`. */
  options: ComparedOption[];
  /** Usage levels at which the cheapest choice changes. */
  breakEvens: BreakEven[];
}

/**
 * `compare`: the same usage under every edition of every mode the app may use, cheapest first.
 * @param usage a usage document object, or one from `parseUsage` (errors then carry line and column).
 * @throws RatecardError when the document itself cannot be quoted; nothing else is thrown.
 */
export function compare(ruleSet: RuleSet, usage: UsageDocument | SourceDocument): Comparison {
  return guarded(() => {
    assertRuleSet(ruleSet);
    const source = usageSource(usage);
    return compareDocument(
      ruleSet,
      source.data as UsageDocument,
      monthlyForecast(ruleSet, source, { otherModesMeters: "ignore" }),
    );
  });
}

function compareDocument(ruleSet: Plan, doc: UsageDocument, current: MonthlyForecast): Comparison {
  const last = lastMonth(current);
  const total = new Decimal(current.total);
  const { needs, bought } = boughtByCurrent(ruleSet, doc, current);
  const evaluate = remembered(ruleSet, doc, needs);
  const options = optionsByEdition(ruleSet, doc, needs, evaluate, bought).map((o) =>
    o.total && !o.reason ? { ...o, difference: o.total.minus(total) } : o,
  );
  return {
    current: { mode: last.mode, edition: last.edition, total },
    months: current.months.length,
    needs,
    keptAddons: bought.kept,
    options,
    breakEvens: breakEvens(ruleSet, doc, { needs, bought }, evaluate),
  };
}

/** What `recommend` finds. */
export interface Recommendation {
  /** The needs it was asked to meet. */
  needs: Need[];
  /** The cheapest option that meets them, if any does. */
  best?: Option;
  /** Every edition's cheapest option; those cheaper than `best` carry the reason they fail. */
  options: Option[];
}

/**
 * `recommend`: the cheapest edition plus add-ons that meets the needs.
 * @param usage a usage document object, or one from `parseUsage` (errors then carry line and column).
 * @param needs from `parseNeed`; each must name an entitlement the rule set states.
 * @throws RatecardError when the document cannot be quoted or a need is unknown; nothing else is thrown.
 */
export function recommend(
  ruleSet: RuleSet,
  usage: UsageDocument | SourceDocument,
  needs: readonly Need[],
): Recommendation {
  return guarded(() => {
    assertRuleSet(ruleSet);
    const source = usageSource(usage);
    const checked = readNeeds(needs);
    checkNeeds(ruleSet, checked);
    // The usage itself must quote (with the choices every option replaces left out), so a bad
    // document is reported with its positions instead of as "nothing meets these needs".
    forecastOf(
      ruleSet,
      { ...source, data: withoutChoices(source.data as UsageDocument) },
      { otherModesMeters: "ignore" },
    );
    const options = optionsByEdition(ruleSet, source.data as UsageDocument, checked);
    const best = options.find((o) => !o.reason);
    return { needs: checked, ...(best ? { best } : {}), options };
  });
}

/** Every need names an entitlement some edition or add-on of the rule set states. */
export function checkNeeds(ruleSet: Plan, needs: readonly Need[]): void {
  const known = [...new Set(ruleSet.versions.flatMap((version) => [...version.entitlements.keys()]))].sort();
  const problems: Problem[] = needs
    .filter((need) => !known.includes(need.entitlement))
    .map((need) => ({
      code: "usage.need",
      message: `unknown entitlement "${clip(need.entitlement)}"; ${ruleSet.id} states: ${listed(known)}`,
      path: [],
    }));
  if (problems.length) throw new RatecardError(problems);
}

/** The document without the choices an option replaces: mode, edition, add-ons, changes and the units paid of that edition's fee. */
function withoutChoices(doc: UsageDocument): UsageDocument {
  const { mode: _m, edition: _e, addons: _a, changes: _c, feeUnitsPaid: _p, ...rest } = doc;
  const months = doc.months?.map(({ edition: _me, addons: _ma, changes: _mc, feeUnitsPaid: _mp, ...month }) => month);
  return { ...rest, ...(months ? { months } : {}) };
}

/** A usage level at which the cheapest choice changes. */
export interface BreakEven {
  /** The multiple of the document's usage at which it happens. */
  factor: Decimal;
  /** The usage values there (of the first month, for a forecast). */
  usage: Record<string, string>;
  /** The cheapest choice below it: `mode/edition + add-ons`. */
  from: string;
  /** The cheapest choice from it on. */
  to: string;
  /**
   * True when `usage` is exactly the first usage of `to` (one usage value moves, and the change is
   * found from the options' charges); false when the change was searched for, to within 1% of
   * the factor, and the usage is the document's scaled by that factor.
   */
  exact: boolean;
}

const FIRST_FACTOR = new Decimal("0.1");
const LATER_FACTORS = ["0.25", "0.5", "0.75", "1", "1.5", "2", "3", "5", "10"].map((f) => new Decimal(f));

/**
 * Scales the usage from a tenth to ten times and finds where the cheapest option changes. Each
 * option is quoted once at the usage itself and priced at every other factor from its charges
 * (see scaled-costs.ts). When the usage moves with one value, the changes are found exactly
 * from the options' pieces (usage-break-evens.ts), each at the factor the bisection below
 * gives it. Otherwise the factors are searched: the cheapest is found at each, and bisected to
 * within 1% where it changes (a change that reverts between two factors is missed). The
 * search is needed where the cost is not a function of one whole usage: a total that is more
 * than lines added up (discounts, spend limits, a fee per unit, credits: the scaled document
 * is then quoted at each probe), several usage values or months moving apart, or a month
 * value that sums or averages scaled days; and where the exact search gives up (its bounds).
 */
function breakEvens(
  ruleSet: Plan,
  doc: UsageDocument,
  { needs, bought }: Wanted,
  evaluate: EvaluateOption,
): BreakEven[] {
  const options = scaledOptions(ruleSet, doc, needs, wholeMeter(ruleSet), evaluate, bought);
  const exact = options && exactBreakEvens(ruleSet, doc, options);
  if (exact) return exact;
  const cheapest =
    (options && cheapestAmong(options)) ??
    ((factor: Decimal) => {
      const best = optionsByEdition(ruleSet, scaled(ruleSet, doc, factor), needs, undefined, bought).find(
        (o) => !o.reason,
      );
      return best
        ? `${best.mode}/${best.edition}${Object.keys(best.addons).length ? ` + ${Object.keys(best.addons).join(" + ")}` : ""}`
        : "none";
    });
  const found: BreakEven[] = [];
  let previous = { factor: FIRST_FACTOR, choice: cheapest(FIRST_FACTOR) };
  for (const factor of LATER_FACTORS) {
    const choice = cheapest(factor);
    if (choice !== previous.choice) {
      let low = previous.factor;
      let high = factor;
      while (high.minus(low).div(high).gt("0.01")) {
        const mid = low.plus(high).div(2);
        if (cheapest(mid) === previous.choice) low = mid;
        else high = mid;
      }
      found.push({
        factor: high.toDecimalPlaces(2),
        usage: usageAt(ruleSet, doc, high),
        from: previous.choice,
        to: cheapest(high),
        exact: false,
      });
    }
    previous = { factor, choice };
  }
  return found;
}

/** The changes found exactly at whole usages, each placed at the factor the bisection of breakEvens gives it. */
function exactBreakEvens(ruleSet: Plan, doc: UsageDocument, options: ScaledOption[][]): BreakEven[] | undefined {
  const value = movingValue(options);
  if (!value) return undefined;
  if (value.isZero()) return [];
  const [month] = monthDocuments(doc);
  const period = month && parsePeriod(month.period);
  if (!period) return undefined; // a quoted document has a month, of a valid period
  const changes = usageChanges(options, value, { money: ruleSet.money, period });
  if (!changes) return undefined;
  const factors = [FIRST_FACTOR, ...LATER_FACTORS];
  const found: BreakEven[] = [];
  for (const { usage, from, to } of changes) {
    // The cheapest is `from` at every factor f with ⌈value × f⌉ < usage, that is value × f ≤ usage − 1.
    const before = (factor: Decimal) => factor.times(value).lte(usage.minus(1));
    const next = factors.findIndex((factor) => !before(factor));
    let low = factors[next - 1];
    let high = factors[next];
    // usageChanges looks only between the first factor and the last: outside them, let the search decide.
    if (!low || !high) return undefined;
    while (high.minus(low).div(high).gt("0.01")) {
      const mid = low.plus(high).div(2);
      if (before(mid)) low = mid;
      else high = mid;
    }
    const exactly = { meters: movingMeters(options, value), usage };
    found.push({ factor: high.toDecimalPlaces(2), usage: usageAt(ruleSet, doc, high, exactly), from, to, exact: true });
  }
  return found;
}

/**
 * The usage values at a factor, as shown beside a break-even; the moving meters, when given, at
 * the exact usage where the change happens (the bisected factor only comes within 1% of it).
 */
function usageAt(
  ruleSet: Plan,
  doc: UsageDocument,
  factor: Decimal,
  exactly?: { meters: Set<string>; usage: Decimal },
): Record<string, string> {
  const first = scaled(ruleSet, doc, factor);
  const { usage } = first.months?.[0] ?? first;
  const shown = (id: string, value: MeterValue): string => {
    const moving = exactly?.meters.has(id) ? exactly.usage.toFixed() : undefined;
    if (Array.isArray(value)) return `peak ${moving ?? String(value.reduce((a, b) => (new Decimal(b).gt(a) ? b : a)))}`;
    return typeof value === "object" ? JSON.stringify(value) : (moving ?? String(value));
  };
  return Object.fromEntries(Object.entries(usage).map(([id, value]) => [id, shown(id, value)]));
}

/** The meters whose month value is the moving value, read by some option's charge or hard limit. */
function movingMeters(options: ScaledOption[][], value: Decimal): Set<string> {
  const meters = new Set<string>();
  for (const option of options.flat())
    for (const month of option.months) {
      for (const term of month.charges) if (term.reading.value?.eq(value)) meters.add(term.context.meter.id);
      for (const limit of month.limits) if (limit.reading.value?.eq(value)) meters.add(limit.meter);
    }
  return meters;
}

/** Whether a meter counts whole units (scaled values are rounded up), by the first version that has it. */
function wholeMeter(ruleSet: Plan): (meter: string) => boolean {
  return (meter) => ruleSet.versions.find((v) => v.meters.has(meter))?.meters.get(meter)?.integer ?? true;
}

/** The document with every usage value multiplied by `factor` (rounded up for count meters). */
function scaled(ruleSet: Plan, doc: UsageDocument, factor: Decimal): UsageDocument {
  const integer = wholeMeter(ruleSet);
  // A whole result is given as a number when exact, so the meters aggregate it as a count, not a decimal text.
  const scale = (meter: string, value: Quantity): Quantity => {
    const product = new Decimal(value).mul(factor);
    const scaledValue = integer(meter) ? product.ceil() : product;
    return scaledValue.isInteger() && scaledValue.lte(Number.MAX_SAFE_INTEGER)
      ? scaledValue.toNumber()
      : scaledValue.toFixed();
  };
  const scaleValue = (id: string, value: MeterValue): MeterValue =>
    Array.isArray(value)
      ? value.map((v) => scale(id, v))
      : typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([key, cell]) => [key, scaleValue(id, cell)]))
        : scale(id, value);
  const scaleUsage = (usage: UsageDocument["usage"]) =>
    Object.fromEntries(Object.entries(usage).map(([id, value]) => [id, scaleValue(id, value)]));
  if (doc.months) return { ...doc, months: doc.months.map((m) => ({ ...m, usage: scaleUsage(m.usage) })) };
  return { ...doc, usage: scaleUsage(doc.usage) };
}
