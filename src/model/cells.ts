import type { CellsDoc } from "./document.js";

/** Dimension id → the values a cell may have there; a dimension not named matches any value. */
export type CellSelector = ReadonlyMap<string, ReadonlySet<string>>;

/** `{ class: [standard, infrequent] }` → dimension id → the set of its values. */
export function compileCells(doc: CellsDoc): CellSelector {
  return new Map(Object.entries(doc).map(([dimension, values]) => [dimension, new Set([values].flat())]));
}

/** Whether a cell (its values in the meter's dimension order) is selected; every cell is when there is no selector. */
export function selectsCell(
  selector: CellSelector | undefined,
  dimensions: readonly { id: string }[],
  values: readonly string[],
): boolean {
  if (!selector) return true;
  return dimensions.every((dimension, i) => selector.get(dimension.id)?.has(values[i]!) ?? true);
}

/** Whether some cell is selected by both (no selector selects every cell). */
export function cellsOverlap(a: CellSelector | undefined, b: CellSelector | undefined): boolean {
  if (!a || !b) return true;
  return [...a].every(([dimension, values]) => {
    const other = b.get(dimension);
    return !other || [...values].some((value) => other.has(value));
  });
}

/** Whether two selectors name the same cells the same way (how an agreed quota finds the rules' quota it replaces). */
export function sameCells(a: CellSelector | undefined, b: CellSelector | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.size === b.size &&
    [...a].every(([dimension, values]) => {
      const other = b.get(dimension);
      return other?.size === values.size && [...values].every((value) => other.has(value));
    })
  );
}

/** `class standard or infrequent, kind write`: the cells in words. */
export function cellsWords(selector: CellSelector): string {
  return [...selector].map(([dimension, values]) => `${dimension} ${[...values].join(" or ")}`).join(", ");
}
