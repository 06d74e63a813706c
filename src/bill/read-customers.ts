import { createReadStream, statSync } from "node:fs";
import { readChunks, splitRecords } from "../batch/read-records.js";
import type { Problem } from "../errors/problem.js";
import { RatecardError } from "../errors/ratecard-error.js";
import type { ModePlan } from "../model/plan.js";

/** A customer's terms: a usage document without its period, rule set and metered usage. */
export type CustomerTerms = Record<string, unknown> & { customer: string; usage?: Record<string, unknown> };

/** Fields the bill sets itself; a customer line may not give them. */
const SET_BY_BILL = ["ruleset", "period", "months"];
const MAX_PROBLEMS = 20;

/**
 * Reads a customers file: NDJSON, one customer per line, each a usage document without `ruleset`,
 * `period` or the usage of meters measured from events (`{"customer":"acme","edition":"team",
 * "addons":{…}}`). Any problem stops the bill before anything is priced: a customer list that does
 * not read cleanly would bill someone wrongly.
 */
export async function readCustomers(file: string, mode: ModePlan): Promise<Map<string, CustomerTerms>> {
  if (!isFile(file)) throw new RatecardError([{ code: "file.not-found", message: `customers file ${file} does not exist or is not a file`, path: [] }]);
  const customers = new Map<string, CustomerTerms>();
  const problems: Problem[] = [];
  const report = (line: number, message: string) => problems.push({ code: "usage.customer", message, path: [], source: { file, line, col: 1 } });
  for await (const chunk of readChunks(createReadStream(file))) {
    for (const record of splitRecords(chunk)) {
      if (problems.length >= MAX_PROBLEMS) break;
      if (record.text === undefined) {
        report(record.line, record.refused === "too-long" ? "the line is longer than the limit for one customer" : "the line is not valid UTF-8 text");
        continue;
      }
      const terms = parse(record.text);
      const problem = typeof terms === "string" ? terms : termsProblem(terms, mode, customers);
      if (problem) report(record.line, problem);
      else customers.set((terms as CustomerTerms).customer, terms as CustomerTerms);
    }
  }
  if (problems.length) throw new RatecardError(problems);
  return customers;
}

function parse(text: string): CustomerTerms | string {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as CustomerTerms) : "each line must be a JSON object, one customer";
  } catch {
    return "the line is not JSON: one JSON object per line";
  }
}

function termsProblem(terms: CustomerTerms, mode: ModePlan, known: ReadonlyMap<string, CustomerTerms>): string | undefined {
  const { customer } = terms;
  if (typeof customer !== "string" || customer === "" || customer.length > 200) return `"customer" must be the customer's id, a string of 1 to 200 characters`;
  if (known.has(customer)) return `customer ${customer} is listed twice`;
  const set = SET_BY_BILL.find((key) => Object.hasOwn(terms, key));
  if (set) return `customer ${customer} gives "${set}"; the bill sets it (--period, --ruleset)`;
  if (Object.hasOwn(terms, "mode") && terms.mode !== mode.id) return `customer ${customer} is on mode ${String(terms.mode)}, the bill meters mode ${mode.id}: bill each mode with its own --mode`;
  const usage = terms.usage;
  if (usage !== undefined && (!usage || typeof usage !== "object" || Array.isArray(usage))) return `customer ${customer}: "usage" must be a map of meter values`;
  const metered = Object.keys(usage ?? {}).find((id) => mode.meters.get(id)?.events);
  if (metered) return `customer ${customer} gives usage.${metered}, which is measured from events; leave it to the events`;
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
