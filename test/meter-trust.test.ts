import { DuckDBInstance } from "@duckdb/node-api";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { UsageDocument } from "../src/index.js";
import { LIMITS } from "../src/guard/limits.js";
import type { MeterSummary } from "../src/meter/run-meter.js";
import { cli, EVENT_ENGINES, ROOT } from "./helpers.js";

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
      ...["calls", "calls-east", "calls-daily", "gauge"].map(
        (id) => `  - { id: ${id}, name: ${id}, meter: ${id}, price: { model: per-unit, unitPrice: 1 } }\n`,
      ),
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
  writeFileSync(
    ndjson,
    CLOCK_EVENTS.map(([customer, type, timestamp, q]) =>
      JSON.stringify({ customer, type, timestamp, ...(q ? { q } : {}) }),
    ).join("\n") + "\n",
  );
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
function meterIn(
  timeZone: string,
  rulesDir: string,
  files: string[],
  engine: string,
): { events: string; documents: UsageDocument[]; summary: MeterSummary }[] {
  const child = join(ROOT, "test", "fixtures", "children", "meter-files.ts");
  const { status, stdout, stderr } = spawnSync(
    process.execPath,
    ["--import", "tsx", child, rulesDir, "minimal", "2026-10", engine, ...files],
    {
      encoding: "utf8",
      env: { ...process.env, TZ: timeZone },
    },
  );
  expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { events: string; documents: UsageDocument[]; summary: MeterSummary });
}

const TIME_ZONES = ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati"];

describe.each(EVENT_ENGINES)("on %s", { timeout: 60_000 }, (engine) => {
  describe("metering does not depend on the machine's time zone", () => {
    it("gives the same documents and counts under every TZ, for NDJSON, CSV and Parquet (text and TIMESTAMP)", async () => {
      const rulesDir = clockRules();
      const dir = mkdtempSync(join(tmpdir(), "ratecard-trust-tz-"));
      const files = await clockFiles(dir);
      const [utc, ...others] = TIME_ZONES.map((timeZone) => ({
        timeZone,
        runs: meterIn(timeZone, rulesDir, files, engine),
      }));
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
    if (file.endsWith(".ndjson"))
      writeFileSync(file, `${JSON.stringify({ customer, type: "api_request", timestamp: "2026-10-05T10:00:00Z" })}\n`);
    else {
      const csv = join(mkdtempSync(join(tmpdir(), "ratecard-trust-csv-")), "events.csv");
      writeFileSync(csv, `customer,type,timestamp\n"${customer}",api_request,2026-10-05T10:00:00Z\n`);
      if (file.endsWith(".csv")) cpSync(csv, file);
      else await duckdb(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${file.replace(/'/g, "''")}'`);
    }
  }

  async function customersIn(events: string, engine: string): Promise<string[]> {
    const { meterEvents } = await import("../src/meter/run-meter.js");
    const { loadPlan } = await import("../src/rulesets/load-ruleset.js");
    const run = await meterEvents(loadPlan(join(ROOT, "rules", "example-api")), {
      events,
      period: "2026-10",
      engine: engine as "duckdb",
    });
    return (await collect(run.documents)).map((d) => d.customer!);
  }

  describe("event paths are read as written, never as patterns", () => {
    it.each(["ndjson", "csv", "parquet"])(
      "a %s file whose name holds *, ?, [ or ' reads only itself, not its siblings",
      async (extension) => {
        const dir = mkdtempSync(join(tmpdir(), "ratecard-trust-glob-"));
        const names = ["ev*", "ev?", "e[v]", "ev", "evX", "ev'q", "e{v,w}"];
        for (const name of names) await writeEvents(join(dir, `${name}.${extension}`), `owner of ${name}`);
        for (const name of names)
          expect(await customersIn(join(dir, `${name}.${extension}`), engine)).toEqual([`owner of ${name}`]);
      },
    );

    it("a folder whose name holds * reads only its own files, listed in name order", async () => {
      const root = mkdtempSync(join(tmpdir(), "ratecard-trust-glob-"));
      for (const folder of ["d*", "dx", "d[x]"]) {
        mkdirSync(join(root, folder));
        await writeEvents(join(root, folder, "b.ndjson"), `${folder} b`);
        await writeEvents(join(root, folder, "a*.ndjson"), `${folder} a`);
      }
      await writeEvents(join(root, "dx", "ax.ndjson"), "dx ax");
      expect(await customersIn(join(root, "d*"), engine)).toEqual(["d* a", "d* b"]);
      expect(await customersIn(join(root, "d[x]"), engine)).toEqual(["d[x] a", "d[x] b"]);
      expect(await customersIn(join(root, "dx"), engine)).toEqual(["dx a", "dx ax", "dx b"]);
    });

    it("refuses a folder holding something other than regular files under an events name", async () => {
      const dir = mkdtempSync(join(tmpdir(), "ratecard-trust-glob-"));
      await writeEvents(join(dir, "a.ndjson"), "a");
      mkdirSync(join(dir, "b.ndjson"));
      const { code, stderr } = await cli([
        "meter",
        "--events",
        dir,
        "--period",
        "2026-10",
        "--ruleset",
        "example-api",
        "--engine",
        engine,
      ]);
      expect([code, stderr]).toEqual([
        1,
        `file.not-regular  ${join(dir, "b.ndjson")} is not a regular file; a folder of events holds only event files\n`,
      ]);
    });
  });

  describe("special timestamps are refused per event with their reason, never counted outside the month", () => {
    it("refuses infinity, epoch, now, today, years past 9999, negative years and named time zones in text", async () => {
      const dir = mkdtempSync(join(tmpdir(), "ratecard-trust-special-"));
      const special = [
        "infinity",
        "-infinity",
        "epoch",
        "now",
        "today",
        "tomorrow",
        "allballs",
        "10000-01-01T00:00:00Z",
        "-2026-10-05",
        "2026-10-05 10:00:00 America/New_York",
        " 2026-10-05T10:00:00Z",
      ];
      const rows = [
        ...special.map((timestamp) => ({ customer: "acme", type: "api_request", timestamp })),
        { customer: "acme", type: "api_request", timestamp: 1790812800 },
        { customer: "acme", type: "api_request" },
        { customer: "acme", type: "api_request", timestamp: "2026-02-30T00:00:00Z" },
        { customer: "acme", type: "api_request", timestamp: "2026-10-05T10:00:00" },
        { customer: "acme", type: "api_request", timestamp: "1970-01-01T00:00:00Z" },
      ];
      const file = join(dir, "events.ndjson");
      writeFileSync(file, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
      const { meterEvents } = await import("../src/meter/run-meter.js");
      const { loadPlan } = await import("../src/rulesets/load-ruleset.js");
      const run = await meterEvents(loadPlan(join(ROOT, "rules", "example-api")), {
        events: file,
        period: "2026-10",
        engine,
      });
      expect((await collect(run.documents)).map((d) => [d.customer, d.usage.requests])).toEqual([["acme", "1"]]);
      expect(run.summary.outcomes.requests).toEqual({
        metered: 1,
        outside: 1,
        "no timestamp": 1,
        "timestamp does not parse": 1,
        "timestamp is not an ISO 8601 date and time": special.length + 1,
      });
      expect(run.summary.refused).toBe(special.length + 3);
    });

    it("refuses a Parquet TIMESTAMP of infinity or past year 9999", async () => {
      const dir = mkdtempSync(join(tmpdir(), "ratecard-trust-special-"));
      const file = join(dir, "events.parquet");
      const times = ["'infinity'", "'-infinity'", "'10000-01-01'", "'2026-10-05 10:00:00'", "NULL"];
      await duckdb(
        `COPY (SELECT 'acme' AS customer, 'api_request' AS type, CAST(t AS TIMESTAMP) AS "timestamp" FROM (VALUES ${times.map((t) => `(${t})`).join(", ")}) v(t)) TO '${file}'`,
      );
      const { meterEvents } = await import("../src/meter/run-meter.js");
      const { loadPlan } = await import("../src/rulesets/load-ruleset.js");
      const run = await meterEvents(loadPlan(join(ROOT, "rules", "example-api")), {
        events: file,
        period: "2026-10",
        engine,
      });
      expect((await collect(run.documents)).map((d) => [d.customer, d.usage.requests])).toEqual([["acme", "1"]]);
      expect(run.summary.outcomes.requests).toEqual({
        metered: 1,
        "no timestamp": 1,
        "timestamp is not an ISO 8601 date and time": 3,
      });
    });
  });

  describe("event width is bounded", () => {
    function wideCsv(columns: number): string {
      const file = join(mkdtempSync(join(tmpdir(), "ratecard-trust-wide-")), "events.csv");
      const extra = Array.from({ length: columns - 3 }, (_, i) => `c${i}`);
      writeFileSync(
        file,
        `customer,type,timestamp${extra.map((c) => `,${c}`).join("")}\nacme,api_request,2026-10-05T10:00:00Z${extra.map(() => ",1").join("")}\n`,
      );
      return file;
    }

    it(`refuses CSV and Parquet events wider than ${LIMITS.eventColumns} columns before DuckDB reads them, and reads one at the limit`, async () => {
      const started = Date.now();
      const csv = wideCsv(60_000);
      const parquet = join(mkdtempSync(join(tmpdir(), "ratecard-trust-wide-")), "events.parquet");
      await duckdb(
        `COPY (SELECT * FROM read_csv('${wideCsv(LIMITS.eventColumns + 1)}', all_varchar = true)) TO '${parquet}'`,
      );
      for (const file of [csv, parquet]) {
        const { code, stderr } = await cli([
          "meter",
          "--events",
          file,
          "--period",
          "2026-10",
          "--ruleset",
          "example-api",
          "--engine",
          engine,
        ]);
        const columns = file === csv ? "60,000" : "1,001";
        expect([code, stderr]).toEqual([
          1,
          `input.size  events ${file} have ${columns} columns, more than the limit of 1,000\n`,
        ]);
      }
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(await customersIn(wideCsv(LIMITS.eventColumns), engine)).toEqual(["acme"]);
    }, 60_000);

    it("reads a JSON event of 60,000 keys in seconds: only the columns the meters name are read", async () => {
      const file = join(mkdtempSync(join(tmpdir(), "ratecard-trust-wide-")), "events.ndjson");
      const event: Record<string, unknown> = {
        customer: "acme",
        type: "api_request",
        timestamp: "2026-10-05T10:00:00Z",
      };
      for (let i = 0; i < 60_000; i++) event[`c${i}`] = i;
      writeFileSync(file, `${JSON.stringify(event)}\n`);
      const started = Date.now();
      expect(await customersIn(file, engine)).toEqual(["acme"]);
      expect(Date.now() - started).toBeLessThan(10_000);
    }, 60_000);
  });

  type Result = { customer?: string; quote?: { total: string; edition: string }; problems?: { code: string }[] };

  function resultsOf(stdout: string): Result[] {
    return stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Result);
  }

  describe("meter --customers | quote --batch gives bill's results", () => {
    it("writes each customer's terms into its document, so that the pipe and bill agree customer by customer", async () => {
      const dir = mkdtempSync(join(tmpdir(), "ratecard-trust-terms-"));
      const events = join(dir, "events.ndjson");
      const rows = [];
      for (const customer of ["acme", "bravo", "charlie", "stranger"]) {
        for (let seat = 0; seat < 6; seat++)
          rows.push({ customer, type: "member_active", timestamp: "2026-10-03T09:00:00Z", user_id: `u${seat}` });
        for (let day = 1; day <= 20; day++)
          rows.push({ customer, type: "api_request", timestamp: `2026-10-${String(day).padStart(2, "0")}T10:00:00Z` });
        rows.push({ customer, type: "worker_count", timestamp: "2026-10-04T10:00:00Z", workers: 3 });
        rows.push({ customer, type: "payout", timestamp: "2026-10-05T10:00:00Z", amount: "10000.00", status: "paid" });
      }
      writeFileSync(events, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
      const customers = join(dir, "customers.ndjson");
      const terms = [
        { customer: "acme", edition: "team", addons: { sso: true, sandbox: { quantity: 2 } } },
        { customer: "bravo", edition: "scale" },
        {
          customer: "charlie",
          edition: "team",
          app: { createdAt: "2026-09-14" },
          coupons: ["startup"],
          credits: [{ id: "launch", balance: "50.00" }],
        },
        { customer: "quiet", edition: "scale" },
      ];
      writeFileSync(customers, terms.map((t) => JSON.stringify(t)).join("\n") + "\n");
      const common = ["--events", events, "--period", "2026-10", "--ruleset", "example-api", "--engine", engine];
      const metered = await cli(["meter", ...common, "--customers", customers]);
      expect(metered.code).toBe(1);
      expect(metered.stderr.split("\n")[0]).toBe(
        `usage.customer  customer stranger has events but is not in ${customers}; add its terms there (its document is not written)`,
      );
      const piped = await cli(["quote", "--batch", "-", "--lean", "--jobs", "1"], metered.stdout);
      const billed = await cli(["bill", ...common, "--customers", customers, "--lean", "--jobs", "1"]);
      const quotes = (stdout: string) => resultsOf(stdout).flatMap((r) => (r.quote ? [[r.customer, r.quote]] : []));
      expect(quotes(piped.stdout)).toEqual(quotes(billed.stdout));
      expect(
        quotes(piped.stdout).map(([customer, quote]) => [customer, (quote as { edition: string }).edition]),
      ).toEqual([
        ["acme", "team"],
        ["bravo", "scale"],
        ["charlie", "team"],
        ["quiet", "scale"],
      ]);
      expect(resultsOf(billed.stdout).at(-1)).toMatchObject({
        customer: "stranger",
        problems: [{ code: "usage.customer" }],
      });
      const total = (stderr: string) => /total: (.*) USD/.exec(stderr)?.[1];
      expect(total(piped.stderr)).toBe(total(billed.stderr));
    }, 60_000);

    it("merges a customers file in any order with the documents as both stream, ids compared by their bytes as the engines sort them", async () => {
      const dir = mkdtempSync(join(tmpdir(), "ratecard-trust-terms-"));
      const events = join(dir, "events.ndjson");
      // U+FF5E sorts before U+1F600 by UTF-8 bytes, after it by UTF-16 code units (JavaScript's <).
      const withEvents = ["\u{1F600}", "\uFF5E", "b", "a", "stranger"];
      writeFileSync(
        events,
        withEvents
          .map((customer) => JSON.stringify({ customer, type: "api_request", timestamp: "2026-10-05T10:00:00Z" }))
          .join("\n") + "\n",
      );
      const customers = join(dir, "customers.ndjson");
      const terms = ["quiet", "\uFF5E", "b", "\u{1F600}", "a", "aa"].map((customer) =>
        JSON.stringify({ customer, edition: "team" }),
      );
      writeFileSync(customers, terms.join("\n") + "\n");
      const { code, stdout } = await cli([
        "bill",
        "--events",
        events,
        "--period",
        "2026-10",
        "--ruleset",
        "example-api",
        "--engine",
        engine,
        "--customers",
        customers,
        "--lean",
        "--jobs",
        "1",
      ]);
      expect(code).toBe(1);
      expect(resultsOf(stdout).map((r) => [r.customer, r.quote ? r.quote.edition : r.problems![0]!.code])).toEqual([
        ["a", "team"],
        ["aa", "team"],
        ["b", "team"],
        ["quiet", "team"],
        ["\uFF5E", "team"],
        ["\u{1F600}", "team"],
        ["stranger", "usage.customer"],
      ]);
    });

    it("says on standard error that documents carry no terms when no customers file is given", async () => {
      const dir = mkdtempSync(join(tmpdir(), "ratecard-trust-terms-"));
      const events = join(dir, "events.ndjson");
      writeFileSync(
        events,
        `${JSON.stringify({ customer: "acme", type: "api_request", timestamp: "2026-10-05T10:00:00Z" })}\n`,
      );
      const { code, stdout, stderr } = await cli([
        "meter",
        "--events",
        events,
        "--period",
        "2026-10",
        "--ruleset",
        "example-api",
        "--engine",
        engine,
      ]);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).not.toHaveProperty("edition");
      expect(stderr.split("\n")[0]).toMatch(
        /^meter: the documents carry no terms \(edition, add-ons, coupons, overrides\): quote --batch prices them on the rule set's defaults; --customers FILE/,
      );
    });
  });

  /** A seeded generator, so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
  }

  function shuffled<T>(items: readonly T[], seed: number): T[] {
    const next = random(seed);
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  describe("daily: latest is deterministic", () => {
    it("takes the largest of readings at the same instant, whatever the order of the input lines", async () => {
      const dir = mkdtempSync(join(tmpdir(), "ratecard-trust-latest-"));
      const lines: string[] = [];
      for (let c = 0; c < 40; c++) {
        for (let day = 1; day <= 31; day++) {
          const at = `2026-10-${String(day).padStart(2, "0")}T23:00:00Z`;
          // Three readings in the same second at the end of the day, and an earlier larger one.
          for (const gb of [`${c + day}.5`, `${c + day}.25`, `${c + day}.75`])
            lines.push(JSON.stringify({ customer: `c${c}`, type: "storage_snapshot", timestamp: at, gb }));
          lines.push(
            JSON.stringify({
              customer: `c${c}`,
              type: "storage_snapshot",
              timestamp: at.replace("23:00", "01:00"),
              gb: "9999",
            }),
          );
        }
      }
      const outputs = [];
      for (const seed of [1, 2, 3, 4, 5]) {
        const file = join(dir, `events-${seed}.ndjson`);
        writeFileSync(file, shuffled(lines, seed).join("\n") + "\n");
        const { meterEvents } = await import("../src/meter/run-meter.js");
        const { loadPlan } = await import("../src/rulesets/load-ruleset.js");
        const run = await meterEvents(loadPlan(join(ROOT, "rules", "example-api")), {
          events: file,
          period: "2026-10",
          engine,
        });
        outputs.push(JSON.stringify(await collect(run.documents)));
      }
      expect(new Set(outputs).size).toBe(1);
      const documents = JSON.parse(outputs[0]!) as UsageDocument[];
      expect(documents.find((d) => d.customer === "c3")!.usage.storage).toEqual(
        Array.from({ length: 31 }, (_, i) => `${3 + i + 1}.75`),
      );
    }, 60_000);
  });
});
