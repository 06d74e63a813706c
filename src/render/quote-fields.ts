import type { Quote } from "../model/quote.js";

/** Every field of a quote, in the order a quote holds them: what `--fields` may name. */
const QUOTE_FIELDS = [
  "ruleset",
  "currency",
  "period",
  "mode",
  "version",
  "edition",
  "names",
  "lines",
  "total",
  "warnings",
  "settlement",
  "trace",
] as const satisfies readonly (keyof Quote)[];

/** A field of a quote. */
export type QuoteField = (typeof QUOTE_FIELDS)[number];

/** What a JSON quote carries: every field, explained unless lean; or the fields listed, explained only when they include the trace. */
export interface QuoteShape {
  /** Leave explanations and the trace out. */
  lean: boolean;
  /** Only these fields. */
  fields?: QuoteField[];
}

/** Explanations and the trace cost time: a quote gets them only when its shape asks. */
export function shapeExplains(shape: QuoteShape): boolean {
  return shape.fields ? shape.fields.includes("trace") : !shape.lean;
}

/**
 * Reads a `--fields` list (`total,lines`): the fields in the order a quote holds them, or the
 * problem with the list.
 */
export function parseQuoteFields(text: string): QuoteField[] | string {
  const names = text.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !(QUOTE_FIELDS as readonly string[]).includes(name));
  if (unknown.length)
    return `--fields takes quote fields separated by commas (${QUOTE_FIELDS.join(", ")}); not ${unknown.map((name) => `"${name}"`).join(", ")}`;
  return QUOTE_FIELDS.filter((field) => names.includes(field));
}

/** The quote with only the given fields (those it has: `settlement` and `trace` are optional). */
export function pickQuoteFields(quote: Quote, fields: readonly QuoteField[]): Partial<Quote> {
  const picked: Partial<Record<QuoteField, unknown>> = {};
  for (const field of fields) if (quote[field] !== undefined) picked[field] = quote[field];
  return picked as Partial<Quote>;
}
