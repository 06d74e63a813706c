import { buyingReadsUsage } from "../compile/addon-usage.js";
import type { SourceDocument } from "../load/source-document.js";
import { Decimal, ZERO } from "../money/decimal.js";
import { scaledString } from "../money/decimal.js";
import { sumDecimals } from "../money/scaled.js";
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
import { NO_SHAPE, Shapes } from "./frame-shapes.js";

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

/** What a quote made from a template shares with it: its fee lines, its add-on lines after the charges, and every field but its lines, total, warnings and trace. */
export type QuoteTemplate = Pick<Template, "quote" | "fees" | "addonsFrom">;

const FRAMES = new WeakMap<Plan, Shapes<Frame | null>>();
/** The last quote made from a template, with its template (a WeakMap of every such quote cost ~0.6 µs a quote). */
let lastMade: { quote: Quote; template: QuoteTemplate } | undefined;

/**
 * The template `quote` was made from, when it is the last quote made from one. What the quote
 * shares with it is as the template has it only while nobody changed the quote: for callers that
 * write each quote as soon as it is made, so that a writer can copy what they share.
 */
export function quoteTemplateOf(quote: Quote): QuoteTemplate | undefined {
  return lastMade?.quote === quote ? lastMade.template : undefined;
}
/** Frames kept per rule set; past it they are dropped and made again (a batch of a million documents has few shapes). */
const MAX_FRAMES = 512;

/**
 * The quote of `source`, through a frame when a document of the same shape was quoted before.
 * Undefined when the document has problems: the caller then resolves it again for the problems.
 */
export function framedQuote(plan: Plan, source: SourceDocument, options: QuoteOptions): Quote | undefined {
  const to = route(plan, source, options);
  if (to.path === "template") return fromTemplate(plan, to.template, to.frame, to.meters);
  if (to.path === "frame")
    return evaluate(plan, {
      ...to.frame.resolved,
      doc: source.data as UsageDocument,
      meters: to.meters,
      warnings: [],
      trace: to.frame.steps?.map((step) => ({ ...step })),
    });
  return to.newShape ? firstOfShape(plan, source, options) : general(plan, source, options);
}

/** How a document is priced: from its frame's template, through its frame, or by the general evaluator. */
export type QuotePath = "template" | "frame" | "general";

/**
 * How `framedQuote` would price `source` now, for tests that check which documents frames and
 * templates serve (the quotes are equal whichever path is taken). Reads the frames and the
 * document's meters; changes nothing.
 */
export function quotePath(plan: Plan, source: SourceDocument, options: QuoteOptions): QuotePath {
  return route(plan, source, options).path;
}

/** Where a document goes; `newShape` marks a general document whose shape has no frame yet. */
type Route =
  | { path: "template"; template: Template; frame: Frame; meters: Map<string, MeterReading> }
  | { path: "frame"; frame: Frame; meters: Map<string, MeterReading> }
  | { path: "general"; newShape?: true };

const GENERAL: Route = { path: "general" };
const NEW_SHAPE: Route = { path: "general", newShape: true };

function route(plan: Plan, source: SourceDocument, options: QuoteOptions): Route {
  const frame = FRAMES.get(plan)?.get(source.data as UsageDocument, options);
  if (frame === NO_SHAPE || frame === null) return GENERAL;
  if (frame === undefined) return NEW_SHAPE;
  const meters = framedMeters(plan, frame, source, options);
  if (!meters) return GENERAL;
  return frame.template
    ? { path: "template", template: frame.template, frame, meters }
    : { path: "frame", frame, meters };
}

/** The first document of its shape: quoted by the general evaluator, its frame kept for the next. */
function firstOfShape(plan: Plan, source: SourceDocument, options: QuoteOptions): Quote | undefined {
  const resolved = resolveUsage(plan, source, options).usage;
  if (!resolved) return undefined;
  const steps = resolved.trace?.slice();
  const quoted = evaluate(plan, resolved);
  let frames = FRAMES.get(plan);
  if (!frames) FRAMES.set(plan, (frames = new Shapes<Frame | null>(MAX_FRAMES)));
  frames.set(source.data as UsageDocument, options, framed(plan, resolved, steps, quoted));
  return quoted;
}

function general(plan: Plan, source: SourceDocument, options: QuoteOptions): Quote | undefined {
  const resolved = resolveUsage(plan, source, options).usage;
  return resolved && evaluate(plan, resolved);
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
 * fee is per unit of a meter, no discount, minimum or maximum spend, commitment or credit. An
 * explained quote's trace must also have no rounding step (so none for its fixed lines either).
 * Last, the template must give back the quote it was made from: that holds only when its lines
 * are its fees, then exactly the charge lines, then its add-ons, and its only warnings are the
 * charges' (an add-on's warning, say, is not copied).
 */
function template(plan: Plan, frame: Frame, usage: ResolvedUsage, quote: Quote): Template | null {
  if (usage.discounts.length || usage.doc.credits !== undefined) return null;
  if (!usage.segments.every((segment) => isFixedEdition(segment.edition)) || !isFixedEdition(usage.edition))
    return null;
  const { lines: charges, steps } = usageLines(plan, usage, usage.meters, frame.steps !== undefined, ZERO);
  const fees = quote.lines.findIndex((line) => line.kind !== "fee");
  const feeCount = fees < 0 ? quote.lines.length : fees;
  const addonsFrom = feeCount + charges.length;
  const fixed = [...quote.lines.slice(0, feeCount), ...quote.lines.slice(addonsFrom)];
  const made: Template = {
    quote: structuredClone(quote),
    fees: feeCount,
    addonsFrom,
    fixedSum: fixed.reduce((sum, line) => sum.plus(line.amount), new Decimal(0)),
    fixedSteps:
      quote.trace && steps && fixedSteps(quote.trace, frame.steps!.length + usage.meters.size, feeCount, steps),
  };
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
  const input = { mode, edition, meters, period, money: plan.money };
  const amounts: Decimal[] = [];
  const lines = chargeLines(input, warnings, steps?.charges).map((draft) => {
    const rounded = roundLine(draft.amount, plan.money);
    amounts.push(rounded);
    return finishLine(plan, draft, rounded, steps?.rounding);
  });
  return { lines, warnings, sum: sumDecimals(before, amounts), steps };
}

/** The document's meters read in its frame's mode; undefined when reading them finds problems or warns (the general evaluator then says so). */
function framedMeters(
  plan: Plan,
  frame: Frame,
  source: SourceDocument,
  options: QuoteOptions,
): Map<string, MeterReading> | undefined {
  const context: UsageContext = {
    plan,
    doc: source.data as UsageDocument,
    source,
    period: frame.resolved.period,
    problems: [],
    warnings: [],
    trace: undefined,
    options,
  };
  const meters = readMeters(context, frame.resolved.mode);
  return context.problems.length || context.warnings.length ? undefined : meters;
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
  // Loops, not slices, maps and spreads: this runs for every quote of a batch.
  const lines: QuoteLine[] = [];
  copyLines(quote.lines, 0, template.fees, lines);
  for (const charge of charges) lines.push(charge);
  copyLines(quote.lines, template.addonsFrom, quote.lines.length, lines);
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
    const trace: TraceStep[] = [];
    for (const step of frame.steps!) trace.push(copyStep(step));
    meterSteps(meters, trace);
    for (const step of fixedSteps.fees) trace.push(copyStep(step));
    for (const step of steps.charges) trace.push(step);
    for (const step of fixedSteps.addons) trace.push(copyStep(step));
    for (const step of steps.rounding) trace.push(step);
    trace.push(totalStep(lines, total, plan.money));
    result.trace = trace;
  }
  lastMade = { quote: result, template };
  return result;
}

/** Copies of the lines from `start` up to `end`, added to `into`. */
function copyLines(from: readonly QuoteLine[], start: number, end: number, into: QuoteLine[]): void {
  for (let i = start; i < end; i++) {
    const line = from[i];
    if (line) into.push(copyLine(line));
  }
}

function copyLine(line: QuoteLine): QuoteLine {
  return { ...line };
}

function copyStep(step: TraceStep): TraceStep {
  return { ...step };
}
