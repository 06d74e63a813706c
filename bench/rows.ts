/**
 * The rows the quote and CLI benchmarks print, each figure beside its target. Every row a bench
 * prints goes through `printRow`, which also appends it as JSON to the file named by
 * BENCH_ROWS when set: bench/readme-speed.ts writes README's speed table from that file, so no
 * figure there is copied by hand, and test/bench-readme.test.ts checks the table has these rows.
 */
import { appendFileSync } from "node:fs";

export interface Target {
  op: "≥" | "≤";
  value: number;
}

const at = (op: Target["op"], value: number): Target => ({ op, value });

/** The growth from 10× to 100× of a dimension whose base is n that n log n allows: 10 × log(100n) ÷ log(10n), to one decimal. */
const nLogN = (base: number) => Math.round((100 * Math.log(base * 100)) / Math.log(base * 10)) / 10;

/** Row ids, their wording in the table, and the target of their ratio when there is one. */
export const ROWS = {
  yardstick: { measure: "hand-written lean quote (bench/yardstick.ts), 1,000 varied Pro documents", target: undefined },
  lean: { measure: "`quote(ruleSet, doc)` (lean), same documents, / yardstick", target: at("≥", 0.5) },
  explained: { measure: "`quote(ruleSet, doc, { explain: true })` / yardstick", target: at("≥", 0.25) },
  batchPricer: {
    measure: "batch pricer in process (parse, quote, write; lean), / batch loop by hand",
    target: undefined,
  },
  checkAddons: {
    measure: "`check`, 10 / 100 / 1,000 add-ons (3 editions, 10 meters), CPU; growth 10× → 100×",
    target: at("≤", nLogN(10)),
  },
  checkEditions: {
    measure: "`check`, 3 / 30 / 300 editions (10 add-ons, 10 meters), CPU; growth 10× → 100×",
    target: at("≤", nLogN(3)),
  },
  checkMeters: {
    measure: "`check`, 10 / 100 / 1,000 meters (10 add-ons, 3 editions), CPU; growth 10× → 100×",
    target: at("≤", nLogN(10)),
  },
  checkLarge: { measure: "`check`, 2,000 add-ons × 50 editions × 200 meters, CPU seconds", target: at("≤", 3) },
  compareForecast: {
    measure: "`compare`, tencent-im, 120-month daily forecast, CPU seconds",
    target: at("≤", 0.5),
  },
  startVersion: { measure: "`ratecard --version` start-up / `node -e 0`", target: at("≤", 1.5) },
  startHelp: { measure: "`ratecard --help` start-up / `node -e 0`", target: at("≤", 1.5) },
  startQuote: { measure: "`ratecard quote examples/tencent-im-pro.yaml` / `node -e 0`", target: at("≤", 2.5) },
  startQuoteLean: { measure: "`ratecard quote --format json --lean …` / `node -e 0`", target: at("≤", 2.5) },
  batchLean: { measure: "`quote --batch --lean`, 1 job, / JSON parse + stringify passthrough", target: at("≥", 0.35) },
  batchScaling: { measure: "`quote --batch --lean`, 2 jobs / 1 job (wall)", target: at("≥", 1.8) },
  batchScalingCpu: { measure: "`quote --batch --lean`, CPU per record, 1 job / 2 jobs", target: undefined },
  eventsBillDuckdb: {
    measure: "`bill`, generated events for 100,000 customers, DuckDB (1 GB cap); time per event, largest / smallest",
    target: at("≤", 1),
  },
  eventsBillChdb: {
    measure: "`bill`, generated events for 100,000 customers, chdb (2 GB cap); time per event, largest / smallest",
    target: at("≤", 1),
  },
  eventsMeterVsBare: {
    measure: "`meter`, 1M events, DuckDB / bare DuckDB aggregation (the same SQL)",
    target: undefined,
  },
  eventsBillVsBare: {
    measure: "`bill`, 1M events, DuckDB / bare DuckDB aggregation (the same SQL)",
    target: at("≤", 1.5),
  },
} as const satisfies Record<string, { measure: string; target: Target | undefined }>;

export type RowId = keyof typeof ROWS;

export interface PrintedRow {
  id: RowId;
  measure: string;
  figure: string;
  ratio: number | undefined;
  target: string;
  met: "yes" | "no" | "";
}

export function targetText(target: Target | undefined): string {
  return target ? `${target.op} ${target.value}` : "";
}

function meets(ratio: number, target: Target): boolean {
  return target.op === "≥" ? ratio >= target.value : ratio <= target.value;
}

/** Prints a row (measure, figure, ratio, target, met) and records it for the README. */
export function printRow(id: RowId, figure: string, ratio?: number): void {
  const { measure, target } = ROWS[id];
  const row: PrintedRow = {
    id,
    measure,
    figure,
    ratio,
    target: targetText(target),
    met: target && ratio !== undefined ? (meets(ratio, target) ? "yes" : "no") : "",
  };
  const shown = ratio === undefined ? "" : ratio.toFixed(2);
  console.log(
    `  ${measure.padEnd(78)} ${figure.padStart(30)}  ${shown.padStart(6)}  ${row.target.padEnd(7)} ${row.met === "no" ? "MISSED" : row.met === "yes" ? "ok" : ""}`,
  );
  if (process.env.BENCH_ROWS) appendFileSync(process.env.BENCH_ROWS, `${JSON.stringify(row)}\n`);
}

/** A rate as people read it: 123,456/s. */
export function perSecond(rate: number, unit: string): string {
  return `${Math.round(rate).toLocaleString("en-US")} ${unit}/s`;
}
