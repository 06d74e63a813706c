import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpus, corpusFiles } from "./fixtures/events-corpus.js";
import { optionalImport } from "../src/meter/chdb-engine.js";
import { spillingDuckdb } from "../src/meter/duckdb-engine.js";
import { cli, EVENT_ENGINES, problemsOf } from "./helpers.js";

/** A run's summary lines, in a fixed order (each engine lists refusals in its own). */
const summary = (stderr: string) => stderr.split("\n").sort();

describe("every engine gives the same documents and bills from the same events", () => {
  const dir = mkdtempSync(join(tmpdir(), "ratecard-engines-"));
  const written = corpusFiles(dir, corpus(11));
  const customers = join(dir, "customers.ndjson");
  writeFileSync(
    customers,
    Array.from({ length: 45 }, (_, c) => JSON.stringify({ customer: `c${c}`, edition: c % 2 ? "team" : "scale" })).join(
      "\n",
    ) + "\n",
  );

  it.each(["events.ndjson", "events.csv", "semicolons.csv", "text.parquet", "typed.parquet"])(
    "%s: byte-identical usage documents and refusal counts, identical bill totals",
    async (name) => {
      const file = (await written).find((f) => f.endsWith(name))!;
      const runs = [];
      for (const engine of EVENT_ENGINES) {
        const common = ["--events", file, "--period", "2026-10", "--ruleset", "example-api", "--engine", engine];
        const metered = await cli(["meter", ...common]);
        const billed = await cli(["bill", ...common, "--customers", customers, "--jobs", "1", "--lean"]);
        runs.push({
          documents: metered.stdout,
          meterSummary: summary(metered.stderr),
          bills: billed.stdout,
          billSummary: summary(billed.stderr.replace(/priced in [\d.]+ s/, "")),
        });
      }
      const [duckdb, chdb] = runs;
      expect(duckdb!.documents.split("\n").length).toBeGreaterThan(30);
      expect(duckdb!.meterSummary.join("\n")).toMatch(/refused: \d+ payouts events: amount is not an exact decimal/);
      expect(chdb).toEqual(duckdb);
    },
    120_000,
  );
});

describe("choosing an engine", () => {
  it("says how to install an optional engine that is missing, as a coded problem", async () => {
    const missing = await optionalImport(
      "ratecard-no-such-engine",
      "install it with npm install ratecard-no-such-engine",
    ).catch((error: unknown) => error);
    expect(
      problemsOf(() => {
        throw missing;
      }),
    ).toEqual([
      { code: "engine.unavailable", message: "install it with npm install ratecard-no-such-engine", path: [] },
    ]);
  });

  it.each([
    [["--engine", "sqlite"], 'ratecard: --engine must be duckdb, chdb, clickhouse, not "sqlite"'],
    [["--table", "db.events"], "usage.value  give --events or --table, not both"],
    [["--url", "http://127.0.0.1:1"], "usage.value  --url names a ClickHouse server: give --engine clickhouse with it"],
    [
      ["--engine", "clickhouse"],
      "usage.value  --engine clickhouse needs --url, the server's HTTP address (http://host:8123)",
    ],
    [["--dialect", "clickhouse"], "ratecard: --dialect says which SQL --sql prints; give --sql with it"],
    [["--sql", "--dialect", "trino"], 'ratecard: --dialect must be duckdb or clickhouse, not "trino"'],
    [["--memory", "lots"], 'usage.value  the memory limit must be a size such as 1GB or 512MB, not "lots"'],
  ])("refuses %j", async (options, message) => {
    const file = join(mkdtempSync(join(tmpdir(), "ratecard-engines-")), "events.csv");
    writeFileSync(file, "customer,type,timestamp\nacme,api_request,2026-10-05T10:00:00Z\n");
    const { code, stderr } = await cli([
      "meter",
      "--events",
      file,
      "--period",
      "2026-10",
      "--ruleset",
      "example-api",
      ...options,
    ]);
    // A misused option is a usage error (exit 2, the help's pointer); a wrong value a coded problem (exit 1).
    expect([code, stderr.split("\n")[0]]).toEqual([message.startsWith("ratecard: ") ? 2 : 1, message]);
  });

  it("reads --table only from a ClickHouse server", async () => {
    const { code, stderr } = await cli([
      "meter",
      "--table",
      "db.events",
      "--period",
      "2026-10",
      "--ruleset",
      "example-api",
      "--engine",
      "chdb",
    ]);
    expect([code, stderr]).toEqual([
      1,
      "usage.value  --table reads a table of a ClickHouse server: give --engine clickhouse --url URL\n",
    ]);
  });
});

describe("DuckDB's spill files", () => {
  it("go to a folder of each instance's own, removed on close: DuckDB names them alike in every instance", async () => {
    const [metering, customers] = [await spillingDuckdb("64MB"), await spillingDuckdb("64MB")];
    const folderOf = async (connection: typeof metering.connection) =>
      String((await connection.runAndReadAll("SELECT current_setting('temp_directory')")).getRows()[0]![0]);
    const folders = [await folderOf(metering.connection), await folderOf(customers.connection)];
    expect(new Set(folders).size).toBe(2);
    metering.close();
    customers.close();
    expect(folders.map((folder) => existsSync(folder))).toEqual([false, false]);
  });
});
