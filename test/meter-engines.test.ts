import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpus, corpusFiles } from "./fixtures/events-corpus.js";
import { cli, EVENT_ENGINES } from "./helpers.js";

/** A run's summary lines, in a fixed order (each engine lists refusals in its own). */
const summary = (stderr: string) => stderr.split("\n").sort();

describe("every engine gives the same documents and bills from the same events", () => {
  const dir = mkdtempSync(join(tmpdir(), "ratecard-engines-"));
  const written = corpusFiles(dir, corpus(11));
  const customers = join(dir, "customers.ndjson");
  writeFileSync(customers, Array.from({ length: 45 }, (_, c) => JSON.stringify({ customer: `c${c}`, edition: c % 2 ? "team" : "scale" })).join("\n") + "\n");

  it.each(["events.ndjson", "events.csv", "semicolons.csv", "text.parquet", "typed.parquet"])(
    "%s: byte-identical usage documents and refusal counts, identical bill totals",
    async (name) => {
      const file = (await written).find((f) => f.endsWith(name))!;
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
