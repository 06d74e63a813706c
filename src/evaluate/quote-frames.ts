import type { SourceDocument } from "../load/source-document.js";
import { Decimal } from "../money/decimal.js";
import { scaledString } from "../money/decimal.js";
import { roundAmount, roundLine } from "../money/policy.js";
import type { EditionPlan, ModePlan, Plan } from "../model/plan.js";
import type { Quote, QuoteLine } from "../model/quote.js";
import type { UsageDocument } from "../model/usage.js";
import type { QuoteOptions, UsageContext } from "../usage/context.js";
import { readMeters, type MeterReading } from "../usage/read-meters.js";
import { resolveUsage, type ResolvedUsage } from "../usage/resolve-usage.js";
import { chargeLines, limitWarnings } from "./charge-lines.js";
import { evaluate, finishLine } from "./evaluate.js";

/**
 * What a lean quote keeps from one document to the next that differs only in its usage numbers:
 * the resolved mode and edition, and the quote of the first such document, whose fee and add-on
 * lines, names, dates and settlement do not depend on those numbers. Taken only where that holds
 * by construction (see `framed`); the numbers are then read and the charge lines priced by the
 * general evaluator's own functions.
 */
interface Frame {
  usage: Pick<ResolvedUsage, "mode" | "edition" | "period">;
  quote: Quote;
  /** Indexes into `quote.lines`: the fee lines before the charge lines, the add-on lines after. */
  fees: number;
  addonsFrom: number;
  /** The rounded sum of the fee and add-on lines. */
  fixedSum: Decimal;
}

const FRAMES = new WeakMap<Plan, Map<string, Frame | null>>();
/** Frames kept per rule set; past it they are dropped and made again (a batch of a million documents has few shapes). */
const MAX_FRAMES = 512;

/**
 * The quote of `source`, through a frame when a document of the same shape was quoted before.
 * Undefined when the document has problems: the caller then resolves it again for the problems.
 */
export function framedQuote(plan: Plan, source: SourceDocument, options: QuoteOptions): Quote | undefined {
  const key = options.explain ? undefined : frameKey(source.data as UsageDocument, options);
  if (key === undefined) return general(plan, source, options);
  let frames = FRAMES.get(plan);
  if (!frames) FRAMES.set(plan, (frames = new Map<string, Frame | null>()));
  const frame = frames.get(key);
  if (frame) return priced(plan, frame, source, options);
  const resolved = resolveUsage(plan, source, options).usage;
  if (!resolved) return undefined;
  const quoted = evaluate(plan, resolved);
  if (frame === undefined) {
    if (frames.size >= MAX_FRAMES) frames.clear();
    frames.set(key, framed(plan, resolved, quoted));
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
 * for what the key would not tell apart: -0, decimal strings, meters with dimensions.
 */
function frameKey(doc: UsageDocument, options: QuoteOptions): string | undefined {
  let key = options.otherModesMeters ?? "";
  for (const name in doc) {
    const value = (doc as unknown as Record<string, unknown>)[name];
    const part = name === "usage" ? usageShape(value) : canonical(value);
    if (part === undefined) return undefined;
    key += `${name.length}:${name}${part}`;
  }
  return key;
}

/** Each meter's id and whether it is one number or a list of how many. */
function usageShape(usage: unknown): string | undefined {
  if (typeof usage !== "object" || usage === null || Array.isArray(usage)) return undefined;
  let shape = "u";
  for (const id in usage) {
    const value = (usage as Record<string, unknown>)[id];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (!isPlainNumber(value[i])) return undefined;
      shape += `${id.length}:${id}[${value.length}]`;
    } else if (isPlainNumber(value)) shape += `${id.length}:${id}n`;
    else return undefined;
  }
  return `${shape};`;
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

/**
 * A frame when the usage numbers change nothing but the charge lines and limit warnings: no
 * add-on condition or quantity reads usage, no fee is per unit of a meter, no discount, minimum
 * or maximum spend, commitment or credit, no warning from resolving the document, and the quote's
 * lines are its fees, then exactly the charge lines, then its add-ons. Otherwise null.
 */
function framed(plan: Plan, usage: ResolvedUsage, quote: Quote): Frame | null {
  const { mode, edition } = usage;
  if (usage.warnings.length || usage.discounts.length || usage.doc.credits !== undefined) return null;
  if (!usage.segments.every((segment) => isFixedEdition(segment.edition)) || !isFixedEdition(edition) || !hasFixedAddons(mode)) return null;
  const { lines: charges, warnings } = usageLines(plan, usage, usage.meters);
  if (JSON.stringify(warnings) !== JSON.stringify(quote.warnings)) return null;
  const fees = quote.lines.findIndex((line) => line.kind !== "fee");
  const feeCount = fees < 0 ? quote.lines.length : fees;
  const addonsFrom = feeCount + charges.length;
  const shapes = quote.lines.map((_line, i) => (i < feeCount ? "fee" : i < addonsFrom ? "usage" : "addon"));
  if (quote.lines.some((line, i) => line.kind !== shapes[i]) || JSON.stringify(charges) !== JSON.stringify(quote.lines.slice(feeCount, addonsFrom))) return null;
  const fixed = [...quote.lines.slice(0, feeCount), ...quote.lines.slice(addonsFrom)];
  return { usage: { mode, edition, period: usage.period }, quote: structuredClone(quote), fees: feeCount, addonsFrom, fixedSum: fixed.reduce((sum, line) => sum.plus(line.amount), new Decimal(0)) };
}

function isFixedEdition(edition: EditionPlan): boolean {
  return edition.fee.kind !== "per-unit" && !edition.minimumSpend && !edition.maximumSpend && !edition.commitment;
}

function hasFixedAddons(mode: ModePlan): boolean {
  return [...mode.addons.values()].every((addon) => !addon.eligible.some((rule) => rule.readsUsage) && addon.quantity?.max?.kind !== "usage");
}

/** The charge lines and the warnings that depend on the meters, as the evaluator makes them. */
function usageLines(plan: Plan, usage: Frame["usage"], meters: ReadonlyMap<string, MeterReading>): { lines: QuoteLine[]; warnings: Quote["warnings"]; sum: Decimal } {
  const { mode, edition, period } = usage;
  const warnings = limitWarnings(edition, meters);
  let sum = new Decimal(0);
  const lines = chargeLines({ mode, edition, meters, period, money: plan.money }, warnings, undefined).map((draft) => {
    const rounded = roundLine(draft.amount, plan.money);
    sum = sum.plus(rounded);
    return finishLine(plan, draft, rounded, undefined);
  });
  return { lines, warnings, sum };
}

/** The quote of a document of the frame's shape: its meters read, its charges priced, the rest copied. */
function priced(plan: Plan, frame: Frame, source: SourceDocument, options: QuoteOptions): Quote | undefined {
  const doc = source.data as UsageDocument;
  const context: UsageContext = { plan, doc, source, period: frame.usage.period, problems: [], warnings: [], trace: undefined, options };
  const meters = readMeters(context, frame.usage.mode);
  if (context.problems.length || context.warnings.length) return general(plan, source, options);
  const { lines: charges, warnings, sum } = usageLines(plan, frame.usage, meters);
  const { quote } = frame;
  const lines = quote.lines.slice(0, frame.fees).map(copyLine);
  lines.push(...charges);
  for (let i = frame.addonsFrom; i < quote.lines.length; i++) lines.push(copyLine(quote.lines[i]!));
  const result: Quote = {
    ruleset: quote.ruleset,
    currency: quote.currency,
    period: { ...quote.period },
    mode: quote.mode,
    version: { ...quote.version },
    edition: quote.edition,
    names: { ...quote.names },
    lines,
    total: scaledString(roundAmount(frame.fixedSum.plus(sum), plan.money), plan.money.scale),
    warnings,
  };
  if (quote.settlement) result.settlement = { ...quote.settlement };
  return result;
}

function copyLine(line: QuoteLine): QuoteLine {
  return { ...line };
}
