import { listed } from "../errors/format.js";
import { pathText } from "../errors/problem.js";
import { clip } from "../guard/clip.js";
import { ZERO } from "../money/decimal.js";
import { groupDigits } from "../money/format.js";
import type { MeterPlan } from "../model/plan.js";
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
): MeterReading | undefined {
  const cells: CellReading[] = [];
  let ok = true;
  const walk = (node: MeterValue, depth: number, values: string[], path: (string | number)[]) => {
    const dimension = meter.dimensions[depth]!;
    if (node === null || typeof node !== "object" || Array.isArray(node)) {
      report(
        context,
        path,
        "usage.value",
        `${pathText(path)} is a map by ${dimension.name.toLowerCase()} (${listed(dimension.values)}), e.g. { ${dimension.values[0]}: … }`,
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
          `${pathText(at)}: "${clip(key)}" is not a ${dimension.name.toLowerCase()} of ${meter.name}; ${dimension.id} takes: ${listed(dimension.values)}`,
          "key",
        );
        ok = false;
        continue;
      }
      if (depth + 1 < meter.dimensions.length) walk(child, depth + 1, [...values, key], at);
      else {
        const reading = readValue(context, meter, child, at);
        if (reading) cells.push({ values: [...values, key], reading });
        else ok = false;
      }
    }
  };
  walk(raw, 0, [], ["usage", meter.id]);
  if (!ok) return undefined;
  cells.sort((a, b) => compareCells(meter, a.values, b.values));
  const value = cells.reduce((sum, cell) => sum.plus(cell.reading.value), ZERO);
  const name = meter.name.charAt(0).toLowerCase() + meter.name.slice(1);
  const label = `${name} ${groupDigits(value)}`;
  return {
    meter,
    value,
    cells,
    words: () => ({ name, label, detail: `${label}, the sum of ${cells.length} cell${cells.length === 1 ? "" : "s"}` }),
  };
}

function compareCells(meter: MeterPlan, a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < meter.dimensions.length; i++) {
    const known = meter.dimensions[i]!.values;
    const rank = (value: string) => (known.includes(value) ? known.indexOf(value) : known.length);
    const order = rank(a[i]!) - rank(b[i]!) || (a[i]! < b[i]! ? -1 : a[i]! > b[i]! ? 1 : 0);
    if (order) return order;
  }
  return 0;
}
