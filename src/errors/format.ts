/** A list of ids for a message: "a, b, c", or "none". */
export function listed(ids: readonly string[]): string {
  return ids.length ? ids.join(", ") : "none";
}
