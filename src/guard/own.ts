/**
 * A document's own property, never one inherited from Object.prototype: a mapping read by a key
 * that came from input (an id such as `constructor` or `toString`) must not find a function.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
