import { closest } from "./closest.js";

/** Ids a message lists in full; past it, the first of them and the count (a catalog may hold thousands). */
const MAX_LISTED = 12;

/** A list of ids for a message: "a, b, c", "none", or past MAX_LISTED "a, b, …, l, … (2,000 in all)". */
export function listed(ids: readonly string[]): string {
  if (!ids.length) return "none";
  if (ids.length <= MAX_LISTED) return ids.join(", ");
  return `${ids.slice(0, MAX_LISTED).join(", ")}, … (${ids.length.toLocaleString("en-US")} in all)`;
}

/**
 * `did you mean "x"? ` when an unknown id is a likely typo of a known one; otherwise nothing. An id
 * of one or two characters is near every short id, so none is suggested for it.
 */
export function didYouMean(id: string, known: readonly string[]): string {
  const near = id.length < 3 ? undefined : closest(id.slice(0, 200), known);
  return near === undefined ? "" : `did you mean "${near}"? `;
}
