import { DuckDBInstance } from "@duckdb/node-api";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { UsageDocument } from "../src/index.js";
import { LIMITS } from "../src/guard/limits.js";
import type { MeterSummary } from "../src/meter/run-meter.js";
import { cli, ROOT } from "./helpers.js";

/** A rule set whose meters count events by UTC day, by day in +08:00, and as a daily series cut at -05:30. */
function clockRules(): string {
  const rulesDir = mkdtempSync(join(tmpdir(), "ratecard-trust-rules-"));
  const dir = join(rulesDir, "minimal");
  cpSync(join(ROOT, "test", "fixtures", "minimal"), dir, { recursive: true });
  const meter = (id: string, aggregate: string, events: string, extra = "") =>
    `  - id: ${id}\n    name: ${id}\n    unit: call\n    aggregate: ${aggregate}\n    required: false\n${extra}    events: ${events}\n`;
  writeFileSync(
    join(dir, "modes", "main.yaml"),
    [
      "id: main\nname: Main\nmeters:\n",
      meter("calls", "sum", "{ type: a }"),
      meter("calls-east", "sum", "{ type: a, timezone: '+08:00' }"),
      meter("calls-daily", "average", "{ type: a, timezone: '-05:30' }", "    missingDays: zero\n    decimals: 2\n"),
      meter("gauge", "latest", "{ type: g, value: q, daily: latest }", "    integer: false\n"),
      "editions:\n  - { id: basic, name: Basic, fee: free, default: true }\n",
      "charges:\n",
      ...["calls", "calls-east", "calls-daily", "gauge"].map((id) => `  - { id: ${id}, name: ${id}, meter: ${id}, price: { model: per-unit, unitPrice: 1 } }\n`),
    ].join(""),
  );
  return rulesDir;
}

/** Events at the edges of October: without an offset (UTC, whatever the machine's time zone), with offsets, and a gauge. */
const CLOCK_EVENTS: [customer: string, type: string, timestamp: string, q: string][] = [
  ["acme", "a", "2026-10-31T23:30:00", ""],
  ["acme", "a", "2026-10-01T00:30:00", ""],
  ["acme", "a", "2026-09-30T23:30:00", ""],
  ["acme", "a", "2026-11-01T00:30:00", ""],
  ["acme", "a", "2026-10-31T23:30:00-02:00", ""],
  ["acme", "a", "2026-09-30T20:00:00-05:00", ""],
  ["acme", "a", "2026-10-15 12:00:00", ""],
  ["bravo", "a", "2026-10-31T16:30:00Z", ""],
  ["bravo", "g", "2026-10-31T23:59:59", "7"],
  ["bravo", "g", "2026-11-01T00:00:00", "9"],
];

async function duckdb(sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The clock events as NDJSON, CSV, and Parquet twice: timestamps as text and as a TIMESTAMP column. */
async function clockFiles(dir: string): Promise<string[]> {
  const csv = join(dir, "events.csv");
  writeFileSync(csv, `customer,type,timestamp,q\n${CLOCK_EVENTS.map((e) => e.join(",")).join("\n")}\n`);
  const ndjson = join(dir, "events.ndjson");
  writeFileSync(ndjson, CLOCK_EVENTS.map(([customer, type, timestamp, q]) => JSON.stringify({ customer, type, timestamp, ...(q ? { q } : {}) })).join("\n") + "\n");
  const text = join(dir, "text.parquet");
  const typed = join(dir, "typed.parquet");
  await duckdb(`SET TimeZone = 'UTC'; COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${text}'`);
  // A TIMESTAMP column holds UTC times: only the events that name an offset differ, so they are left out.
  await duckdb(
    `SET TimeZone = 'UTC'; COPY (SELECT customer, type, CAST("timestamp" AS TIMESTAMP) AS "timestamp", q FROM read_csv('${csv}', all_varchar = true) WHERE NOT regexp_matches("timestamp", '[-+]\\d\\d:\\d\\d$|Z$')) TO '${typed}'`,
  );
  return [ndjson, csv, text, typed];
}

/** Meters the files in a child process with the time zone given: DuckDB takes the process's time zone when it starts. */
function meterIn(timeZone: string, rulesDir: string, files: string[]): { events: string; documents: UsageDocument[]; summary: MeterSummary }[] {
  const child = join(ROOT, "test", "fixtures", "children", "meter-files.ts");
  const { status, stdout, stderr } = spawnSync(process.execPath, ["--import", "tsx", child, rulesDir, "minimal", "2026-10", ...files], { encoding: "utf8", env: { ...process.env, TZ: timeZone } });
  expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { events: string; documents: UsageDocument[]; summary: MeterSummary });
}

const TIME_ZONES = ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati"];

describe("metering does not depend on the machine's time zone", () => {
  it("gives byte for byte the same documents and counts under every TZ, for NDJSON, CSV and Parquet (text and TIMESTAMP)", async () => {
    const rulesDir = clockRules();
    const dir = mkdtempSync(join(tmpdir(), "ratecard-trust-tz-"));
    const files = await clockFiles(dir);
    const [utc, ...others] = TIME_ZONES.map((timeZone) => ({ timeZone, runs: meterIn(timeZone, rulesDir, files) }));
    for (const other of others) expect(other).toEqual({ ...utc, timeZone: other.timeZone });
    for (const { events, documents, summary } of utc!.runs) {
      const typed = events.endsWith("typed.parquet");
      // acme: 31 Oct 23:30, 1 Oct 00:30, 1 Oct 01:00Z and 15 Oct in October (UTC); in +08:00 the 31st's event is in November, 30 Sep 23:30 in October.
      expect(documents.map((d) => [d.customer, d.usage.calls, d.usage["calls-east"]])).toEqual([
        ["acme", typed ? "3" : "4", typed ? "3" : "4"],
        ["bravo", typed ? "0" : "1", "0"],
      ]);
      expect(documents[0]!.usage["calls-daily"]).toHaveLength(31);
      expect(documents[1]!.usage.gauge).toBe("7");
      expect(summary.refused).toBe(0);
    }
  }, 120_000);
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Writes events of one customer each, in the format of the file's extension. */
async function writeEvents(file: string, customer: string): Promise<void> {
  if (file.endsWith(".ndjson")) writeFileSync(file, `${JSON.stringify({ customer, type: "api_request", timestamp: "2026-10-05T10:00:00Z" })}\n`);
  else {
    const csv = join(mkdtempSync(join(tmpdir(), "ratecard-trust-csv-")), "events.csv");
    writeFileSync(csv, `customer,type,timestamp\n"${customer}",api_request,2026-10-05T10:00:00Z\n`);
    if (file.endsWith(".csv")) cpSync(csv, file);
    else await duckdb(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${file.replace(/'/g, "''")}'`);
  }
}

async function customersIn(events: string): Promise<string[]> {
  const { meterEvents } = await import("../src/meter/run-meter.js");
  const { loadRuleSet } = await import("../src/index.js");
  const run = await meterEvents(loadRuleSet(join(ROOT, "rules", "example-api")), { events, period: "2026-10" });
  return (await collect(run.documents)).map((d) => d.customer!);
}

describe("event paths are read as written, never as patterns", () => {
  it.each(["ndjson", "csv", "parquet"])("a %s file whose name holds *, ?, [ or ' reads only itself, not its siblings", async (extension) => {
    const dir = mkdtempSync(join(tmpdir(), "ratecard-trust-glob-"));
    const names = ["ev*", "ev?", "e[v]", "ev", "evX", "ev'q", "e{v,w}"];
    for (const name of names) await writeEvents(join(dir, `${name}.${extension}`), `owner of ${name}`);
    for (const name of names) expect(await customersIn(join(dir, `${name}.${extension}`))).toEqual([`owner of ${name}`]);
  });

  it("a folder whose name holds * reads only its own files, listed in name order", async () => {
    const root = mkdtempSync(join(tmpdir(), "ratecard-trust-glob-"));
    for (const folder of ["d*", "dx", "d[x]"]) {
      mkdirSync(join(root, folder));
      await writeEvents(join(root, folder, "b.ndjson"), `${folder} b`);
      await writeEvents(join(root, folder, "a*.ndjson"), `${folder} a`);
    }
    await writeEvents(join(root, "dx", "ax.ndjson"), "dx ax");
    expect(await customersIn(join(root, "d*"))).toEqual(["d* a", "d* b"]);
    expect(await customersIn(join(root, "d[x]"))).toEqual(["d[x] a", "d[x] b"]);
    expect(await customersIn(join(root, "dx"))).toEqual(["dx a", "dx ax", "dx b"]);
  });

  it("refuses a folder holding something other than regular files under an events name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ratecard-trust-glob-"));
    await writeEvents(join(dir, "a.ndjson"), "a");
    mkdirSync(join(dir, "b.ndjson"));
    const { code, stderr } = await cli(["meter", "--events", dir, "--period", "2026-10", "--ruleset", "example-api"]);
    expect([code, stderr]).toEqual([1, `file.not-regular  ${join(dir, "b.ndjson")} is not a regular file; a folder of events holds only event files\n`]);
  });
});
