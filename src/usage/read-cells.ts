import { listed } from "../errors/format.js";
import { pathText } from "../errors/problem.js";
import { clip } from "../guard/clip.js";
import { ZERO } from "../money/decimal.js";
import { sumDecimals } from "../money/scaled.js";
import { groupDigits, inSentence } from "../money/format.js";
import type { DimensionPlan, MeterPlan } from "../model/plan.js";
import type { MeterValue } from "../model/usage.js";
import { report, type UsageContext } from "./context.js";
import type { CellReading, MeterReading } from "./meter-reading.js";

type ValueReader = (
  context: UsageContext,
  meter: MeterPlan,
  raw: MeterValue,
  path: (string | number)[],
) => MeterReading | undefined;

/**
 * A meter with dimensions: a map by the first dimension's values, then the next, down to each
 * cell's value (one or daily). Unknown values are refused, naming the dimension and what it
 * takes, unless the dimension accepts them (`unknown: default`). Cells come out in the order the
 * dimensions list their values (accepted unknown values last, alphabetically); the month's value
 * of the meter is the sum of its cells.
 */
export function readCells(
  context: UsageContext,
  meter: MeterPlan,
  raw: MeterValue,
  readValue: ValueReader,
  nameOf: (meter: MeterPlan) => string,
): MeterReading | undefined {
  const cells: CellReading[] = [];
  let ok = true;
  const { dimensions } = meter;
  const walk = (
    node: MeterValue,
    dimension: DimensionPlan,
    depth: number,
    values: readonly string[],
    path: (string | number)[],
  ) => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) {
      report(
        context,
        path,
        "usage.value",
        `${pathText(path)} is a map by ${inSentence(dimension.name)} (${listed(dimension.values)}), e.g. { ${dimension.values[0]}: … }`,
      );
      ok = false;
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      const at = [...path, key];
      if (!dimension.values.includes(key) && dimension.unknown === "refuse") {
        report(
          context,
          at,
          "usage.dimension",
          `${pathText(at)}: "${clip(key)}" is not a ${inSentence(dimension.name)} of ${meter.name}; ${dimension.id} takes: ${listed(dimension.values)}`,
          "key",
        );
        ok = false;
        continue;
      }
      const cell = [...values, key];
      const next = dimensions[depth + 1];
      if (next) walk(child, next, depth + 1, cell, at);
      else {
        const reading = readValue(context, meter, child, at);
        if (reading) cells.push({ values: cell, reading: inCell(reading, meter, cell) });
        else ok = false;
      }
    }
  };
  const first = dimensions[0];
  if (first) walk(raw, first, 0, [], ["usage", meter.id]);
  if (!ok) return undefined;
  if (cells.length > 1) cells.sort((a, b) => compareCells(dimensions, a.values, b.values));
  const value = sumDecimals(
    ZERO,
    cells.map((cell) => cell.reading.value),
  );
  const words = () => {
    const name = nameOf(meter);
    const label = `${name} ${groupDigits(value)}`;
    const each = cells.map((cell) => `${cellName(meter, cell.values)} ${groupDigits(cell.reading.value)}`);
    const over = `the meter's total over ${cells.length} cell${cells.length === 1 ? "" : "s"}`;
    return { name, label, detail: `${label}, ${over}${each.length ? `: ${each.join("; ")}` : ""}` };
  };
  return { meter, value, cells, words };
}

/** "class hot, kind get": a cell by its dimensions' ids and values. */
function cellName(meter: MeterPlan, values: readonly string[]): string {
  return values.map((value, i) => `${meter.dimensions[i]?.id ?? ""} ${value}`).join(", ");
}

/** A cell's reading, its words naming the cell after the meter: "total requests (class hot, kind get) 3,500". */
function inCell(reading: MeterReading, meter: MeterPlan, values: readonly string[]): MeterReading {
  return {
    ...reading,
    words: () => {
      const { name, label, detail } = reading.words();
      const named = `${name} (${cellName(meter, values)})`;
      return { name: named, label: named + label.slice(name.length), detail: named + detail.slice(name.length) };
    },
  };
}

function compareCells(dimensions: readonly DimensionPlan[], a: readonly string[], b: readonly string[]): number {
  const [dimension, ...rest] = dimensions;
  const [x, ...aRest] = a;
  const [y, ...bRest] = b;
  if (!dimension || x === undefined || y === undefined) return 0;
  const known = dimension.values;
  const rank = (value: string) => (known.includes(value) ? known.indexOf(value) : known.length);
  return rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0) || compareCells(rest, aRest, bRest);
}
