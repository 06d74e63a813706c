import { readUsageText } from "../load/parse-usage.js";
import type { Plan } from "../model/plan.js";
import { ruleSetDirFor } from "../rulesets/find-rulesets.js";
import { loadPlan } from "../rulesets/load-ruleset.js";
import { forecastOf } from "../decide/months.js";
import type { Problem } from "../errors/problem.js";
import { RatecardError } from "../errors/ratecard-error.js";
import type { SourceDocument } from "../load/source-document.js";
import type { Forecast } from "../decide/months.js";
import type { Quote } from "../model/quote.js";
import { OutputBuffer } from "./output-buffer.js";
import { pickQuoteFields, shapeExplains, type QuoteField, type QuoteShape } from "../render/quote-fields.js";
import { Totals } from "./totals.js";
import { QuoteResultWriter } from "./write-result.js";
import { eachRecord, type InputChunk, type InputRecord } from "./read-records.js";
import { guarded, markParsed } from "../errors/entry.js";

/** How a batch prices its records, and what each result carries. */
export interface BatchSettings extends QuoteShape {
  /** Where the rule sets are: each record's `ruleset` names a folder under it. */
  rulesDir: string;
  /** The input's name, for problem positions. */
  file: string;
}

/** A run of records priced: one NDJSON result per record, in input order, and the counts. */
export interface PricedChunk {
  /** The results as UTF-8, encoded where they were priced: a worker transfers the bytes to the main thread, no copy. */
  out: Uint8Array;
  quoted: number;
  refused: number;
  /** Currency → the sum of the quoted totals (every month of a forecast), a decimal string. */
  totals: Record<string, string>;
}

const REFUSALS = {
  "too-long": { code: "file.too-large", message: "the line is longer than the limit for one document" },
  encoding: { code: "file.encoding", message: "the line is not valid UTF-8 text" },
} as const;

/**
 * Prices records one by one into `{"line":N,"quote":{…}}` (`"forecast"` for a document with
 * `months`) or `{"line":N,"problems":[…]}`, positions pointing into the input. Each rule set is
 * loaded once, the first time a record names it; a rule set that fails to load fails every
 * record that names it with the same problems.
 */
export function recordPricer(settings: BatchSettings): (chunk: InputChunk) => PricedChunk {
  const loaded = new Map<string, Plan | RatecardError>();
  const ruleSetFor = (doc: SourceDocument): Plan => {
    const id = (doc.data as { ruleset?: unknown } | null)?.ruleset;
    let entry = typeof id === "string" ? loaded.get(id) : undefined;
    if (!entry) {
      // An unknown name is not cached: its problem points at this record.
      const dir = ruleSetDirFor(settings.rulesDir, markParsed(doc));
      entry = loadOrProblems(dir);
      loaded.set(id as string, entry);
    }
    if (entry instanceof RatecardError) throw entry;
    return entry;
  };
  const writer = new QuoteResultWriter();
  return (chunk) => {
    // A lean result is ~8 times its usage document.
    const out = new OutputBuffer((chunk.bytes?.length ?? 0) * 8);
    let records = 0;
    let quoted = 0;
    const totals = new Totals();
    eachRecord(chunk, (record) => {
      const result = priceRecord(record, settings, ruleSetFor);
      records++;
      if (result.quote) totals.add(result.quote.currency, result.quote.total);
      if (result.forecast) for (const month of result.forecast.months) totals.add(month.currency, month.total);
      if (!result.problems) quoted++;
      if (result.quote && !settings.fields) writer.write(out, result as RecordResult & { quote: Quote });
      else out.line(JSON.stringify(settings.fields ? withFields(result, settings.fields) : result));
    });
    return { out: out.bytes(), quoted, refused: records - quoted, totals: totals.toJSON() };
  };
}

function loadOrProblems(dir: string): Plan | RatecardError {
  try {
    return loadPlan(dir);
  } catch (error) {
    if (error instanceof RatecardError) return error;
    throw error;
  }
}

type RecordResult = { line: number; customer?: string; problems?: Problem[]; quote?: Quote; forecast?: Forecast };

function priceRecord(
  record: InputRecord,
  settings: BatchSettings,
  ruleSetFor: (doc: SourceDocument) => Plan,
): RecordResult {
  const { line, text } = record;
  if (text === undefined) {
    const refusal = REFUSALS[record.refused ?? "encoding"];
    return { line, problems: [{ ...refusal, path: [], source: { file: settings.file, line, col: 1 } }] };
  }
  let data: unknown;
  try {
    const forecast = guarded(() => {
      // Checked as plain data when read, and never handed out: quoted without a second walk.
      const doc = readUsageText(text, settings.file);
      data = doc.data;
      return forecastOf(ruleSetFor(doc), doc, { explain: shapeExplains(settings) });
    });
    const customer = customerOf(data);
    const quote =
      forecast.months.length === 1 && !Object.hasOwn(data as object, "months") ? forecast.months[0] : undefined;
    // Written out, not spread from a head: spreading an object of either shape cost ~0.4 µs a record.
    if (quote) return customer === undefined ? { line, quote } : { line, customer, quote };
    return customer === undefined ? { line, forecast } : { line, customer, forecast };
  } catch (error) {
    if (!(error instanceof RatecardError)) throw error;
    return {
      ...withCustomer(line, customerOf(data ?? jsonOrUndefined(text))),
      problems: error.problems.map((problem) => inInput(problem, settings.file, line)),
    };
  }
}

/** The result with only the chosen fields of its quotes (the batch totals are summed first). */
function withFields(result: RecordResult, fields: QuoteField[]): object {
  if (result.quote) return { ...result, quote: pickQuoteFields(result.quote, fields) };
  if (result.forecast)
    return {
      ...result,
      forecast: { ...result.forecast, months: result.forecast.months.map((month) => pickQuoteFields(month, fields)) },
    };
  return result;
}

/** The result's head: its line, and the document's `customer` when it names one (so results can be matched to customers). */
function withCustomer(line: number, customer: string | undefined): { line: number; customer?: string } {
  return customer === undefined ? { line } : { line, customer };
}

/** The document's `customer`, when it names one as a string. */
function customerOf(data: unknown): string | undefined {
  const customer =
    data && typeof data === "object" && Object.hasOwn(data, "customer")
      ? (data as { customer: unknown }).customer
      : undefined;
  return typeof customer === "string" ? customer : undefined;
}

/** A record that did not parse as a usage document may still be JSON naming its customer. */
function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A problem found in the record's one-line document, placed on its line of the input. */
function inInput(problem: Problem, file: string, line: number): Problem {
  const { source } = problem;
  return source && source.file === file ? { ...problem, source: { ...source, line: line + source.line - 1 } } : problem;
}
