import type { ProblemCode } from "../errors/codes.js";
import { didYouMean, listed } from "../errors/format.js";
import type { DocPath } from "../errors/problem.js";
import { cellsOverlap, compileCells, type CellSelector } from "../model/cells.js";
import type { CellsDoc, QuotaDoc } from "../model/document.js";

/** What the quota checks read of a meter: a rule file's or a compiled plan's. */
export interface QuotaMeter {
  integer?: boolean;
  dimensions?: readonly { id: string; values: readonly string[] }[] | undefined;
  input?: string;
  aggregate?: string;
}

/** Where a quota problem is reported: in a rule file, or in a usage document's overrides. */
export type QuotaReport = (path: DocPath, code: ProblemCode, message: string, on?: "value" | "key") => void;

/**
 * `cells:` of a quota or a commitment on meter `id`: only on a meter with dimensions, naming
 * dimensions and values it has. `what` names the quota or commitment in the message.
 */
export function checkCells(
  meter: QuotaMeter,
  id: string,
  cells: CellsDoc,
  what: string,
  at: DocPath,
  report: QuotaReport,
): void {
  const dimensions = meter.dimensions ?? [];
  if (!dimensions.length) {
    report(
      [...at, "cells"],
      "dimension.match",
      `${what} names cells, but meter ${id} has no dimensions: it has one value, so leave \`cells\` out`,
      "key",
    );
    return;
  }
  for (const [dimension, written] of Object.entries(cells)) {
    const known = dimensions.find((d) => d.id === dimension);
    if (!known) {
      report(
        [...at, "cells", dimension],
        "dimension.match",
        `${what} names dimension "${dimension}", which meter ${id} does not have; ${didYouMean(
          dimension,
          dimensions.map((d) => d.id),
        )}its dimensions: ${listed(dimensions.map((d) => d.id))}`,
        "key",
      );
      continue;
    }
    const values = [written].flat();
    values.forEach((value, k) => {
      if (!known.values.includes(value))
        report(
          Array.isArray(written) ? [...at, "cells", dimension, k] : [...at, "cells", dimension],
          "dimension.match",
          `${what} names "${value}", which is not a value of dimension ${dimension}; ${didYouMean(value, known.values)}it takes: ${listed(known.values)}`,
        );
    });
  }
}

/**
 * Several quotas on one meter cover different cells: a cell has at most one quota, so the order
 * in which quotas are taken off never matters. `at` is the path of the meter's list.
 */
export function checkQuotaOverlaps(
  meter: QuotaMeter,
  id: string,
  quotas: readonly QuotaDoc[],
  edition: string,
  at: DocPath,
  report: QuotaReport,
): void {
  const selectors = quotas.map((quota) => (quota.cells ? compileCells(quota.cells) : undefined));
  selectors.forEach((selector, k) => {
    const message = overlapMessage(meter, id, edition, selectors, k);
    if (message) report(selector ? [...at, k, "cells"] : [...at, k], "quota.overlap", message);
  });
}

/** Why quota `k` of a meter's list may not stand beside an earlier one that covers a cell it covers; undefined when none does. */
export function overlapMessage(
  meter: QuotaMeter,
  id: string,
  edition: string,
  selectors: readonly (CellSelector | undefined)[],
  k: number,
): string | undefined {
  // A quota naming a dimension or value the meter lacks is reported by checkCells, and left out here.
  if (!namesKnownCells(meter, selectors[k])) return undefined;
  const earlier = selectors.findIndex(
    (other, j) => j < k && namesKnownCells(meter, other) && cellsOverlap(other, selectors[k]),
  );
  if (earlier < 0) return undefined;
  return `edition ${edition}'s quotas ${earlier + 1} and ${k + 1} on ${id} both cover ${sharedCell(meter, selectors[earlier], selectors[k])}; a cell has one quota: give each quota \`cells\` the others do not name, or write one quota without \`cells\` for every cell`;
}

/** Whether every dimension and value the selector names is the meter's (no selector names every cell). */
function namesKnownCells(meter: QuotaMeter, selector: CellSelector | undefined): boolean {
  if (!selector) return true;
  return [...selector].every(([id, values]) => {
    const dimension = meter.dimensions?.find((d) => d.id === id);
    return dimension !== undefined && [...values].every((value) => dimension.values.includes(value));
  });
}

/** A cell both selectors cover, in words ("class standard, kind write"). */
function sharedCell(meter: QuotaMeter, a: CellSelector | undefined, b: CellSelector | undefined): string {
  const covers = (selector: CellSelector | undefined, dimension: string, value: string) =>
    selector?.get(dimension)?.has(value) ?? true;
  return (meter.dimensions ?? [])
    .map((dimension) => {
      const value = dimension.values.find((v) => covers(a, dimension.id, v) && covers(b, dimension.id, v));
      return `${dimension.id} ${value ?? ""}`;
    })
    .join(", ");
}
