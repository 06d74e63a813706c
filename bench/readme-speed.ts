/**
 * README's speed table, written from the rows a bench run printed (bench/rows.ts), between two
 * markers: `npm run bench -- --readme` runs the benches and then this, so the figures in README
 * are the bench's own, never copied by hand.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { ROWS, type PrintedRow } from "./rows.js";

export const START_MARKER = "<!-- speed:start (written by npm run bench -- --readme) -->";
export const END_MARKER = "<!-- speed:end -->";

const cell = (text: string) => text.replaceAll("|", "\\|");

/** The markdown table of the printed rows, after a line saying where and when they were measured. */
export function speedTable(rows: readonly PrintedRow[], machine: string): string {
  const lines = [
    machine,
    "",
    "| measure | figure | ratio | target | met |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      (row) =>
        `| ${cell(row.measure)} | ${cell(row.figure)} | ${row.ratio === undefined ? "" : row.ratio.toFixed(2)} | ${row.target} | ${row.met} |`,
    ),
  ];
  return lines.join("\n");
}

/** The README with the text between the markers replaced. */
export function withSpeedTable(readme: string, table: string): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`README has no speed markers (${START_MARKER} … ${END_MARKER})`);
  return `${readme.slice(0, start + START_MARKER.length)}\n${table}\n${readme.slice(end)}`;
}

/** The table's rows read back from README: their measures, in order. */
export function measuresInReadme(readme: string): string[] {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start) return [];
  return readme
    .slice(start, end)
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| measure |") && !line.startsWith("| ---"))
    .map((line) => line.slice(2, line.search(/ (?<!\\)\| /)).replaceAll("\\|", "|"));
}

/** Rewrites README's speed table from a file of printed rows (one JSON row a line). */
export function writeSpeedTable(readmePath: string, rowsPath: string, machine: string): void {
  const rows = readFileSync(rowsPath, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PrintedRow);
  // In the order bench/rows.ts lists them, whatever order the scripts printed them in.
  const order = Object.keys(ROWS);
  rows.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  writeFileSync(readmePath, withSpeedTable(readFileSync(readmePath, "utf8"), speedTable(rows, machine)));
}
