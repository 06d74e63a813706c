import { didYouMean, listed } from "../errors/format.js";
import type { Problem } from "../errors/problem.js";
import type { Sourced } from "../validate/read-ruleset.js";
import type { ChargeDoc, MeterDoc, ModeDoc } from "../model/document.js";
import { problemIn, type Check } from "./context.js";

/** The most cells checked one by one for a price; larger tables are checked entry by entry only. */
const CELLS_CHECKED = 10_000;

/**
 * Meters with dimensions are priced cell by cell: `prices` only on such meters (and `price` or
 * `prices`, not both), entries match dimensions and values that exist, every known cell has a
 * price, and no charge cap (which would have to be shared out between cells; the quotas check refuses a hard limit).
 */
export const dimensions: Check = {
  id: "dimensions",
  description: "Charges on meters with dimensions price every cell with values that exist; their charges have no cap.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      mode.doc.meters.forEach((meter, i) => {
        const seen = new Set<string>();
        meter.dimensions?.forEach((dimension, j) => {
          if (seen.has(dimension.id))
            problems.push(
              problemIn(
                mode,
                ["meters", i, "dimensions", j, "id"],
                "id.duplicate",
                `dimension "${dimension.id}" appears twice in meter ${meter.id}`,
              ),
            );
          seen.add(dimension.id);
          const values = new Set<string>();
          dimension.values.forEach((value, k) => {
            if (values.has(value))
              problems.push(
                problemIn(
                  mode,
                  ["meters", i, "dimensions", j, "values", k],
                  "id.duplicate",
                  `value "${value}" appears twice in dimension ${dimension.id}`,
                ),
              );
            values.add(value);
          });
        });
      });
      mode.doc.charges?.forEach((charge, i) => checkCharge(mode, charge, i, problems));
    }
    return problems;
  },
};

function checkCharge(mode: Sourced<ModeDoc>, charge: ChargeDoc, i: number, problems: Problem[]): void {
  const meter = mode.doc.meters.find((m) => m.id === charge.meter);
  if (!meter) return; // the references check reports it
  const at = ["charges", i];
  const dims = meter.dimensions;
  if (!dims) {
    if (charge.prices)
      problems.push(
        problemIn(
          mode,
          [...at, "prices"],
          "dimension.prices",
          `charge ${charge.id} prices by cell, but meter ${meter.id} has no dimensions; give one \`price\``,
        ),
      );
    return;
  }
  if (charge.cap !== undefined)
    problems.push(
      problemIn(
        mode,
        [...at, "cap"],
        "dimension.limit",
        `charge ${charge.id} prices a meter with dimensions; a cap would have to be shared between its cells`,
      ),
    );
  charge.prices?.forEach((entry, k) => {
    for (const [dimension, value] of Object.entries(entry.match ?? {})) {
      const known = dims.find((d) => d.id === dimension);
      const path = [...at, "prices", k, "match", dimension];
      if (!known)
        problems.push(
          problemIn(
            mode,
            path,
            "dimension.match",
            `meter ${meter.id} has no dimension "${dimension}"; ${didYouMean(
              dimension,
              dims.map((d) => d.id),
            )}its dimensions: ${listed(dims.map((d) => d.id))}`,
            "key",
          ),
        );
      else if (!known.values.includes(value))
        problems.push(
          problemIn(
            mode,
            path,
            "dimension.match",
            `"${value}" is not a value of dimension ${dimension}; ${didYouMean(value, known.values)}it takes: ${listed(known.values)}`,
          ),
        );
    }
  });
  const unpriced = charge.prices ? firstUnpricedCell(dims, charge) : undefined;
  if (unpriced)
    problems.push(
      problemIn(
        mode,
        [...at, "prices"],
        "dimension.unpriced",
        `charge ${charge.id} has no price for ${unpriced.join(", ")}; add an entry that matches it, or one without \`match\``,
      ),
    );
}

/** The first known cell no entry matches, when the table is small enough to walk. */
function firstUnpricedCell(dims: NonNullable<MeterDoc["dimensions"]>, charge: ChargeDoc): string[] | undefined {
  if (dims.reduce((n, d) => n * d.values.length, 1) > CELLS_CHECKED) return undefined;
  const cells = dims.reduce<string[][]>(
    (all, d) => all.flatMap((cell) => d.values.map((value) => [...cell, value])),
    [[]],
  );
  return cells.find(
    (cell) =>
      !(charge.prices ?? []).some((entry) =>
        Object.entries(entry.match ?? {}).every(
          ([dimension, value]) => cell[dims.findIndex((d) => d.id === dimension)] === value,
        ),
      ),
  );
}
