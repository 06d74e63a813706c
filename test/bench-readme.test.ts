import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { END_MARKER, measuresInReadme, speedTable, START_MARKER, withSpeedTable } from "../bench/readme-speed.js";
import { ROWS, type PrintedRow, type RowId } from "../bench/rows.js";
import { ROOT } from "./helpers.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const measures = Object.values(ROWS).map((row) => row.measure);
/** The row ids the bench scripts print, read from their calls of printRow. */
const printed = ["quote.bench.ts", "catalog.bench.ts", "cli.bench.ts", "events.bench.ts"].flatMap((file) =>
  [...readFileSync(join(ROOT, "bench", file), "utf8").matchAll(/printRow\(\s*"(\w+)"|\[\s*"(\w+)",\s*\[/g)].map(
    (m) => m[1] ?? m[2],
  ),
);

const row = (id: RowId, ratio: number | undefined): PrintedRow => ({
  id,
  measure: ROWS[id].measure,
  figure: "1 quotes/s",
  ratio,
  target: "≥ 0.5",
  met: "yes",
});

describe("README's speed table", () => {
  it("sits between its markers, once each", () => {
    expect(readme.split(START_MARKER).length).toBe(2);
    expect(readme.split(END_MARKER).length).toBe(2);
  });

  it("holds the rows the bench prints, in order", () => expect(measuresInReadme(readme)).toEqual(measures));

  it("every row is printed by a bench script, and nothing else is", () =>
    expect([...printed].sort()).toEqual(Object.keys(ROWS).sort()));

  it.each([
    [
      "a row with a ratio",
      row("lean", 0.512),
      "| `quote(ruleSet, doc)` (lean), same documents, / yardstick | 1 quotes/s | 0.51 | ≥ 0.5 | yes |",
    ],
    [
      "a row without one",
      row("yardstick", undefined),
      "| hand-written lean quote (bench/yardstick.ts), 1,000 varied Pro documents | 1 quotes/s |  | ≥ 0.5 | yes |",
    ],
  ])("writes %s", (_name, printedRow, line) => expect(speedTable([printedRow], "machine").split("\n")).toContain(line));

  it("replaces only what lies between the markers, and reads back what it wrote", () => {
    const before = `intro\n${START_MARKER}\nold\n${END_MARKER}\nafter\n`;
    const after = withSpeedTable(before, speedTable([row("lean", 1), row("startHelp", 1.2)], "machine"));
    expect(after.startsWith(`intro\n${START_MARKER}\nmachine\n`)).toBe(true);
    expect(after.endsWith(`${END_MARKER}\nafter\n`)).toBe(true);
    expect(after).not.toContain("old");
    expect(measuresInReadme(after)).toEqual([ROWS.lean.measure, ROWS.startHelp.measure]);
  });

  it("refuses a README without markers", () =>
    expect(() => withSpeedTable("no markers", "table")).toThrow(/no speed markers/));
});
