import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { createReadStream, statSync } from "node:fs";
import { readChunks, splitRecords } from "../batch/read-records.js";
import { spillingDuckdb } from "../meter/duckdb-engine.js";
import type { Problem } from "../errors/problem.js";
import { RatecardError } from "../errors/ratecard-error.js";
import type { ModePlan } from "../model/plan.js";

/** A customer's terms: a usage document without its period, rule set and metered usage. */
export type CustomerTerms = Record<string, unknown> & { customer: string; usage?: Record<string, unknown> };

/** Fields the bill sets itself; a customer line may not give them. */
const SET_BY_BILL = ["ruleset", "period", "months"];
const MAX_PROBLEMS = 20;

/** Customers' terms in customer order (the order of the metered documents), read back one at a time. */
export interface SortedCustomers {
  terms: AsyncGenerator<CustomerTerms>;
  close(): void;
}

/**
 * Reads a customers file: NDJSON, one customer per line, each a usage document without `ruleset`,
 * `period` or the usage of meters measured from events (`{"customer":"acme","edition":"team",
 * "addons":{…}}`). Any problem stops the bill before anything is priced: a customer list that does
 * not read cleanly would bill someone wrongly. The lines are checked as they stream and kept in a
 * DuckDB table that spills to disk past 64 MB, then read back sorted by customer, so that a bill
 * of millions of customers never holds the file in memory.
 */
export async function readCustomers(file: string, mode: ModePlan): Promise<SortedCustomers> {
  if (!isFile(file))
    throw new RatecardError([
      { code: "file.not-found", message: `customers file ${file} does not exist or is not a file`, path: [] },
    ]);
  const { connection, close } = await spillingDuckdb("64MB");
  try {
    await connection.run("CREATE TABLE customers (customer VARCHAR, line UBIGINT, terms VARCHAR)");
    const problems = await load(file, mode, await connection.createAppender("customers"));
    const listedTwice = await connection.runAndReadAll(
      `SELECT customer, line FROM (SELECT customer, line, row_number() OVER (PARTITION BY customer ORDER BY line) AS nth FROM customers) WHERE nth > 1 ORDER BY line LIMIT ${MAX_PROBLEMS}`,
    );
    for (const [customer, line] of listedTwice.getRows() as [string, bigint][])
      problems.push(problemAt(file, Number(line), `customer ${customer} is listed twice`)); // eslint-disable-line ratecard/no-float-money -- a line number
    if (problems.length)
      throw new RatecardError(problems.sort((a, b) => a.source!.line - b.source!.line).slice(0, MAX_PROBLEMS));
    return { terms: sorted(connection, close), close };
  } catch (error) {
    close();
    throw error;
  }
}

/** Checks each line as it streams, appending the good ones; returns the problems (at most MAX_PROBLEMS). */
async function load(file: string, mode: ModePlan, appender: DuckDBAppender): Promise<Problem[]> {
  const problems: Problem[] = [];
  for await (const chunk of readChunks(createReadStream(file))) {
    for (const record of splitRecords(chunk)) {
      if (problems.length >= MAX_PROBLEMS) break;
      if (record.text === undefined) {
        problems.push(
          problemAt(
            file,
            record.line,
            record.refused === "too-long"
              ? "the line is longer than the limit for one customer"
              : "the line is not valid UTF-8 text",
          ),
        );
        continue;
      }
      const terms = parse(record.text);
      const problem = typeof terms === "string" ? terms : termsProblem(terms, mode);
      if (problem) problems.push(problemAt(file, record.line, problem));
      else {
        appender.appendVarchar((terms as CustomerTerms).customer);
        appender.appendUBigInt(BigInt(record.line));
        appender.appendVarchar(record.text);
        appender.endRow();
      }
    }
  }
  appender.closeSync();
  return problems;
}

/** The terms in customer order: byte order of the id, as the engines sort the metered documents. */
async function* sorted(connection: DuckDBConnection, close: () => void): AsyncGenerator<CustomerTerms> {
  try {
    const result = await connection.stream("SELECT terms FROM customers ORDER BY customer");
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      for (const [terms] of chunk.getRows() as [string][]) yield JSON.parse(terms) as CustomerTerms;
    }
  } finally {
    close();
  }
}

function problemAt(file: string, line: number, message: string): Problem {
  return { code: "usage.customer", message, path: [], source: { file, line, col: 1 } };
}

function parse(text: string): CustomerTerms | string {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as CustomerTerms)
      : "each line must be a JSON object, one customer";
  } catch {
    return "the line is not JSON: one JSON object per line";
  }
}

function termsProblem(terms: CustomerTerms, mode: ModePlan): string | undefined {
  const { customer } = terms;
  if (typeof customer !== "string" || customer === "" || customer.length > 200)
    return `"customer" must be the customer's id, a string of 1 to 200 characters`;
  const set = SET_BY_BILL.find((key) => Object.hasOwn(terms, key));
  if (set) return `customer ${customer} gives "${set}"; the bill sets it (--period, --ruleset)`;
  if (Object.hasOwn(terms, "mode") && terms.mode !== mode.id)
    return `customer ${customer} is on mode ${String(terms.mode)}, the bill meters mode ${mode.id}: bill each mode with its own --mode`;
  const usage = terms.usage;
  if (usage !== undefined && (!usage || typeof usage !== "object" || Array.isArray(usage)))
    return `customer ${customer}: "usage" must be a map of meter values`;
  const metered = Object.keys(usage ?? {}).find((id) => mode.meters.get(id)?.events);
  if (metered)
    return `customer ${customer} gives usage.${metered}, which is measured from events; leave it to the events`;
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
