import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, EVENT_ENGINES } from "./helpers.js";

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const TIMESTAMPS = [
  "2026-10-05T10:00:00Z",
  "2026-10-31T23:30:00+02:00",
  "2026-10-31T23:30:00-02:00",
  "2026-10-01 00:00:01",
  "2026-09-30T23:59:59Z",
  "2026-10-15T12:00:00.123456789Z",
  "2026-10-20T08:00:00+0530",
];
const HOSTILE_TIMES = ["yesterday", "infinity", "2026-02-30T00:00:00Z", "2026-10-05T24:00:00Z", "2026-10-05T23:59:60Z", "10000-01-01", "2026-10-05 10:00 America/New_York", ""];
const HOSTILE_VALUES = ["x", "1e3", " 5", "1.1234567890123", "-0", "123456789012345678.123456789012", "1234567890123456", "0.000000000001", ""];

/** Events of every meter of example-api, with hostile times and values among them. */
function corpus(seed: number): Record<string, string>[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < 3000; i++) {
    const type = pick(["api_request", "storage_snapshot", "member_active", "worker_count", "completion", "payout", "other"]);
    const day = String(1 + Math.floor(next() * 31)).padStart(2, "0");
    const timestamp =
      next() < 0.05 ? pick(HOSTILE_TIMES) : next() < 0.2 ? pick(TIMESTAMPS) : `2026-10-${day}T${String(Math.floor(next() * 24)).padStart(2, "0")}:00:${String(i % 60).padStart(2, "0")}Z`;
    const value = () => (next() < 0.05 ? pick(HOSTILE_VALUES) : (Math.floor(next() * 100000) / 100).toFixed(2));
    rows.push({
      customer: next() < 0.01 ? "" : `c${Math.floor(next() * 40)}`,
      type,
      timestamp,
      gb: value(),
      workers: String(Math.floor(next() * 9)),
      user_id: next() < 0.02 ? "" : `u${Math.floor(next() * 12)}`,
      model: pick(["large", "small"]),
      direction: pick(["input", "output"]),
      tokens: value(),
      amount: value(),
      status: pick(["paid", "paid", "failed"]),
    });
  }
  return rows;
}

/** The corpus as NDJSON, CSV, Parquet of text columns and Parquet of typed columns (TIMESTAMP, DECIMAL, BIGINT, DOUBLE). */
async function files(dir: string, rows: Record<string, string>[]): Promise<string[]> {
  const columns = Object.keys(rows[0]!);
  const csv = join(dir, "events.csv");
  const quoted = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  writeFileSync(csv, `${columns.join(",")}\n${rows.map((row) => columns.map((c) => quoted(row[c]!)).join(",")).join("\n")}\n`);
  const ndjson = join(dir, "events.ndjson");
  // Empty text is a missing key in NDJSON; a value that reads as a number is written as one.
  const json = (row: Record<string, string>) => Object.fromEntries(Object.entries(row).flatMap(([k, v]) => (v === "" ? [] : [[k, /^-?\d+(\.\d+)?$/.test(v) && v.length <= 15 ? Number(v) : v]])));
  writeFileSync(ndjson, rows.map((row) => JSON.stringify(json(row))).join("\n") + "\n");
  const text = join(dir, "text.parquet");
  const typed = join(dir, "typed.parquet");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(`SET TimeZone = 'UTC'; COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${text}'`);
    await connection.run(
      `SET TimeZone = 'UTC'; COPY (SELECT customer, type, TRY_CAST("timestamp" AS TIMESTAMP) AS "timestamp", TRY_CAST(gb AS DOUBLE) AS gb, CAST(workers AS BIGINT) AS workers, user_id, model, direction, TRY_CAST(tokens AS DECIMAL(18,2)) AS tokens, TRY_CAST(amount AS DECIMAL(38,14)) AS amount, status FROM read_csv('${csv}', all_varchar = true)) TO '${typed}'`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return [ndjson, csv, text, typed];
}

/** A run's summary lines, in a fixed order (each engine lists refusals in its own). */
const summary = (stderr: string) => stderr.split("\n").sort();

describe("every engine gives the same documents and bills from the same events", () => {
  const dir = mkdtempSync(join(tmpdir(), "ratecard-engines-"));
  const corpusFiles = files(dir, corpus(11));
  const customers = join(dir, "customers.ndjson");
  writeFileSync(customers, Array.from({ length: 45 }, (_, c) => JSON.stringify({ customer: `c${c}`, edition: c % 2 ? "team" : "scale" })).join("\n") + "\n");

  it.each(["events.ndjson", "events.csv", "text.parquet", "typed.parquet"])(
    "%s: byte-identical usage documents and refusal counts, identical bill totals",
    async (name) => {
      const file = (await corpusFiles).find((f) => f.endsWith(name))!;
      const runs = [];
      for (const engine of EVENT_ENGINES) {
        const common = ["--events", file, "--period", "2026-10", "--ruleset", "example-api", "--engine", engine];
        const metered = await cli(["meter", ...common]);
        const billed = await cli(["bill", ...common, "--customers", customers, "--jobs", "1", "--lean"]);
        runs.push({ documents: metered.stdout, meterSummary: summary(metered.stderr), bills: billed.stdout, billSummary: summary(billed.stderr.replace(/priced in [\d.]+ s/, "")) });
      }
      const [duckdb, chdb] = runs;
      expect(duckdb!.documents.split("\n").length).toBeGreaterThan(30);
      expect(duckdb!.meterSummary.join("\n")).toMatch(/refused: \d+ payouts events: amount is not an exact decimal/);
      expect(chdb).toEqual(duckdb);
    },
    120_000,
  );
});
