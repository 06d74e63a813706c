import { buyingReadsUsage } from "../compile/addon-usage.js";
import type { SourceDocument } from "../load/source-document.js";
import { Decimal, ZERO } from "../money/decimal.js";
import { scaledString } from "../money/decimal.js";
import { roundAmount, roundLine } from "../money/policy.js";
import type { EditionPlan, Plan } from "../model/plan.js";
import type { Quote, QuoteLine, TraceStep } from "../model/quote.js";
import type { UsageDocument } from "../model/usage.js";
import type { QuoteOptions, UsageContext } from "../usage/context.js";
import { readMeters } from "../usage/read-meters.js";
import type { MeterReading } from "../usage/meter-reading.js";
import { resolveUsage, type ResolvedUsage } from "../usage/resolve-usage.js";
import { chargeLines, limitWarnings } from "./charge-lines.js";
import { evaluate, finishLine, meterSteps, totalStep } from "./evaluate.js";

/**
 * What a quote keeps from one document to the next that differs only in its usage numbers: the
 * document resolved (mode, edition, add-ons, discounts and the trace steps that chose them),
 * which those numbers cannot change where no add-on condition or quantity reads usage. A new
 * document of the frame's shape has its meters read and is evaluated by the general evaluator;
 * one whose lines are fixed but for its charges takes the quicker `Template`.
 */
interface Frame {
  resolved: Omit<ResolvedUsage, "doc" | "meters" | "warnings" | "trace">;
  /** The steps resolving wrote, when the quote is explained. */
  steps: TraceStep[] | undefined;
  template: Template | null;
}

/** The quote of the frame's first document: its fee and add-on lines, names, dates and settlement do not depend on the usage numbers. */
interface Template {
  quote: Quote;
  /** Indexes into `quote.lines`: the fee lines before the charge lines, the add-on lines after. */
  fees: number;
  addonsFrom: number;
  /** The rounded sum of the fee and add-on lines. */
  fixedSum: Decimal;
  /** An explained quote's trace steps of its fee and add-on lines (the meters' and charges' are worded anew). */
  fixedSteps: { fees: TraceStep[]; addons: TraceStep[] } | undefined;
}

const FRAMES = new WeakMap<Plan, Map<string, Frame | null>>();
/** Frames kept per rule set; past it they are dropped and made again (a batch of a million documents has few shapes). */
const MAX_FRAMES = 512;

/**
 * The quote of `source`, through a frame when a document of the same shape was quoted before.
 * Undefined when the document has problems: the caller then resolves it again for the problems.
 */
export function framedQuote(plan: Plan, source: SourceDocument, options: QuoteOptions): Quote | undefined {
  const key = frameKey(source.data as UsageDocument, options);
  if (key === undefined) return general(plan, source, options);
  let frames = FRAMES.get(plan);
  if (!frames) FRAMES.set(plan, (frames = new Map<string, Frame | null>()));
  const frame = frames.get(key);
  if (frame) return priced(plan, frame, source, options);
  const resolved = resolveUsage(plan, source, options).usage;
  if (!resolved) return undefined;
  const steps = resolved.trace?.slice();
  const quoted = evaluate(plan, resolved);
  if (frame === undefined) {
    if (frames.size >= MAX_FRAMES) frames.clear();
    frames.set(key, framed(plan, resolved, steps, quoted));
  }
  return quoted;
}

function general(plan: Plan, source: SourceDocument, options: QuoteOptions): Quote | undefined {
  const resolved = resolveUsage(plan, source, options).usage;
  return resolved && evaluate(plan, resolved);
}

/**
 * Everything of the document but its usage numbers, as text: two documents with the same key
 * resolve alike (mode, edition, add-ons, discounts) and pass or fail the schema alike, since
 * the schema admits any number as a usage value. Each part is self-delimiting (a string is its
 * length, then its characters), so different documents never share a key. Undefined (no frame)
 * for what the key would not tell apart: -0.
 */
function frameKey(doc: UsageDocument, options: QuoteOptions): string | undefined {
  let key = `${options.explain ? "x" : ""}${options.otherModesMeters ?? ""}`;
  for (const name in doc) {
    const value = (doc as unknown as Record<string, unknown>)[name];
    const part = name === "usage" ? usageShape(value) : name === "customer" ? customerShape(value) : canonical(value);
    if (part === undefined) return undefined;
    key += `${name.length}:${name}${part}`;
  }
  return key;
}

/** Each meter's id and its value's shape: one number or decimal string, a list of how many, or a map of cells and their shapes. */
function usageShape(usage: unknown): string | undefined {
  if (typeof usage !== "object" || usage === null || Array.isArray(usage)) return undefined;
  let shape = "u";
  for (const id in usage) {
    const value = meterShape((usage as Record<string, unknown>)[id]);
    if (value === undefined) return undefined;
    shape += `${id.length}:${id}${value}`;
  }
  return `${shape};`;
}

/**
 * A meter value's shape, as the schema sees it: any number or string is a quantity (the string's
 * digits are read with the meters, each document anew, and one that does not read sends the
 * document to the general evaluator), a list is its length, a map its cells' names and shapes.
 */
function meterShape(value: unknown): string | undefined {
  if (isQuantity(value)) return "n";
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isQuantity(value[i])) return undefined;
    return `[${value.length}]`;
  }
  let shape = "{";
  for (const name in value) {
    const cell = meterShape((value as Record<string, unknown>)[name]);
    if (cell === undefined) return undefined;
    shape += `${name.length}:${name}${cell}`;
  }
  return `${shape}}`;
}

function isQuantity(value: unknown): boolean {
  return typeof value === "string" || isPlainNumber(value);
}

/**
 * A customer id changes nothing in a quote, so every id the schema admits (1 to 200 characters,
 * counted as code points: a string of 1 to 200 UTF-16 units always is) shares one shape; documents
 * of a bill, one per customer, then share frames. Any other value keeps its text, so it passes or
 * fails the schema as the document that made the frame did.
 */
function customerShape(customer: unknown): string | undefined {
  return typeof customer === "string" && customer.length >= 1 && customer.length <= 200 ? "c" : canonical(customer);
}

function isPlainNumber(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0);
}

/** Plain data without -0 as self-delimiting text; undefined for anything else. */
function canonical(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return `s${value.length}:${value}`;
    case "boolean":
      return value ? "t" : "f";
    case "number":
      return isPlainNumber(value) ? `n${value};` : undefined;
    case "object": {
      if (value === null) return "z";
      const array = Array.isArray(value);
      let text = array ? "[" : "{";
      for (const name in value) {
        const part = canonical((value as Record<string, unknown>)[name]);
        if (part === undefined) return undefined;
        text += `${name.length}:${name}${part}`;
      }
      return `${text}${array ? "]" : "}"}`;
    }
    default:
      return undefined;
  }
}

/** A frame when resolving read no usage (no add-on the document names reads it) and warned of nothing; otherwise null. */
function framed(plan: Plan, usage: ResolvedUsage, steps: TraceStep[] | undefined, quote: Quote): Frame | null {
  if (usage.warnings.length || namesUsageReadingAddon(usage)) return null;
  const { doc: _doc, meters: _meters, warnings: _warnings, trace: _trace, ...resolved } = usage;
  const frame: Frame = { resolved, steps, template: null };
  frame.template = template(plan, frame, usage, quote);
  return frame;
}

/**
 * A template when the usage numbers change nothing but the charge lines and limit warnings: no
 * fee is per unit of a meter, no discount, minimum or maximum spend, commitment or credit, and
 * the quote's lines are its fees, then exactly the charge lines, then its add-ons. An explained
 * quote's trace must also have no rounding step (so none for its fixed lines either), and the
 * template must give back the quote it was made from.
 */
function template(plan: Plan, frame: Frame, usage: ResolvedUsage, quote: Quote): Template | null {
  if (usage.discounts.length || usage.doc.credits !== undefined) return null;
  if (!usage.segments.every((segment) => isFixedEdition(segment.edition)) || !isFixedEdition(usage.edition))
    return null;
  const { lines: charges, warnings, steps } = usageLines(plan, usage, usage.meters, frame.steps !== undefined, ZERO);
  if (JSON.stringify(warnings) !== JSON.stringify(quote.warnings)) return null;
  const fees = quote.lines.findIndex((line) => line.kind !== "fee");
  const feeCount = fees < 0 ? quote.lines.length : fees;
  const addonsFrom = feeCount + charges.length;
  const shapes = quote.lines.map((_line, i) => (i < feeCount ? "fee" : i < addonsFrom ? "usage" : "addon"));
  if (
    quote.lines.some((line, i) => line.kind !== shapes[i]) ||
    JSON.stringify(charges) !== JSON.stringify(quote.lines.slice(feeCount, addonsFrom))
  )
    return null;
  const fixed = [...quote.lines.slice(0, feeCount), ...quote.lines.slice(addonsFrom)];
  const made: Template = {
    quote: structuredClone(quote),
    fees: feeCount,
    addonsFrom,
    fixedSum: fixed.reduce((sum, line) => sum.plus(line.amount), new Decimal(0)),
    fixedSteps:
      quote.trace && steps && fixedSteps(quote.trace, frame.steps!.length + usage.meters.size, feeCount, steps),
  };
  if (quote.trace && !made.fixedSteps) return null;
  const again = fromTemplate(plan, made, frame, usage.meters);
  return JSON.stringify(again) === JSON.stringify(quote) ? made : null;
}

/**
 * The fee and add-on steps of an explained quote's trace, which runs: resolving, meters, fees,
 * charges, add-ons, rounding, total. Undefined when it has a rounding step.
 */
function fixedSteps(
  trace: readonly TraceStep[],
  feesFrom: number,
  fees: number,
  charges: UsageSteps,
): Template["fixedSteps"] {
  const addonsFrom = feesFrom + fees + charges.charges.length;
  const rounding = trace.slice(addonsFrom).filter((step) => step.rule === "money");
  if (rounding.length !== 1 || charges.rounding.length) return undefined;
  return {
    fees: structuredClone(trace.slice(feesFrom, feesFrom + fees)),
    addons: structuredClone(trace.slice(addonsFrom, -1)),
  };
}

function isFixedEdition(edition: EditionPlan): boolean {
  return edition.fee.kind !== "per-unit" && !edition.minimumSpend && !edition.maximumSpend && !edition.commitment;
}

/**
 * Whether the document names (in `addons` or a change's) an add-on whose buying reads usage: only
 * the add-ons a document names are checked, so one that names none resolves alike whatever its usage.
 */
function namesUsageReadingAddon({ doc, mode }: ResolvedUsage): boolean {
  const named = [doc.addons, ...(doc.changes ?? []).map((change) => change.addons)];
  return named.some((addons) =>
    Object.keys(addons ?? {}).some((id) => {
      const addon = mode.addons.get(id);
      return addon !== undefined && buyingReadsUsage(addon);
    }),
  );
}

/** An explained quote's steps of its charges: pricing, and rounding (which the evaluator puts after the add-ons). */
interface UsageSteps {
  charges: TraceStep[];
  rounding: TraceStep[];
}

/** The charge lines and the warnings that depend on the meters, as the evaluator makes them; worded when `explain`. `sum` is `before` plus the charges. */
function usageLines(
  plan: Plan,
  usage: Frame["resolved"],
  meters: ReadonlyMap<string, MeterReading>,
  explain: boolean,
  before: Decimal,
): { lines: QuoteLine[]; warnings: Quote["warnings"]; sum: Decimal; steps: UsageSteps | undefined } {
  const { mode, edition, period } = usage;
  const warnings = limitWarnings(edition, meters);
  const steps = explain ? { charges: [], rounding: [] } : undefined;
  let sum = before;
  const input = { mode, edition, meters, period, money: plan.money };
  const lines = chargeLines(input, warnings, steps?.charges).map((draft) => {
    const rounded = roundLine(draft.amount, plan.money);
    sum = sum.plus(rounded);
    return finishLine(plan, draft, rounded, steps?.rounding);
  });
  return { lines, warnings, sum, steps };
}

/** The quote of a document of the frame's shape: its meters read, the rest evaluated from the frame. */
function priced(plan: Plan, frame: Frame, source: SourceDocument, options: QuoteOptions): Quote | undefined {
  const doc = source.data as UsageDocument;
  const context: UsageContext = {
    plan,
    doc,
    source,
    period: frame.resolved.period,
    problems: [],
    warnings: [],
    trace: undefined,
    options,
  };
  const meters = readMeters(context, frame.resolved.mode);
  if (context.problems.length || context.warnings.length) return general(plan, source, options);
  if (frame.template) return fromTemplate(plan, frame.template, frame, meters);
  return evaluate(plan, {
    ...frame.resolved,
    doc,
    meters,
    warnings: [],
    trace: frame.steps?.map((step) => ({ ...step })),
  });
}

/** A quote from its template: the charges priced (and the meters and charges worded), the rest copied. */
function fromTemplate(plan: Plan, template: Template, frame: Frame, meters: ReadonlyMap<string, MeterReading>): Quote {
  const { fixedSteps } = template;
  const {
    lines: charges,
    warnings,
    sum,
    steps,
  } = usageLines(plan, frame.resolved, meters, fixedSteps !== undefined, template.fixedSum);
  const { quote } = template;
  const lines = quote.lines.slice(0, template.fees).map(copyLine);
  lines.push(...charges);
  lines.push(...quote.lines.slice(template.addonsFrom).map(copyLine));
  const total = roundAmount(sum, plan.money);
  const result: Quote = {
    ruleset: quote.ruleset,
    currency: quote.currency,
    period: { ...quote.period },
    mode: quote.mode,
    version: { ...quote.version },
    edition: quote.edition,
    names: { ...quote.names },
    lines,
    total: scaledString(total, plan.money.scale),
    warnings,
  };
  if (quote.settlement) result.settlement = { ...quote.settlement };
  if (fixedSteps && steps) {
    const trace = frame.steps!.map(copyStep);
    meterSteps(meters, trace);
    trace.push(...fixedSteps.fees.map(copyStep), ...steps.charges, ...fixedSteps.addons.map(copyStep));
    trace.push(...steps.rounding, totalStep(lines, total, plan.money));
    result.trace = trace;
  }
  return result;
}

function copyLine(line: QuoteLine): QuoteLine {
  return { ...line };
}

function copyStep(step: TraceStep): TraceStep {
  return { ...step };
}
