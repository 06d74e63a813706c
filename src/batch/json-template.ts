import type { OutputBuffer } from "./output-buffer.js";

/**
 * The JSON of an object whose fields mostly repeat from one object to the next (a quote's
 * names, dates and line descriptions), kept as UTF-8 with the values it was made from. An
 * object is written through a template only when its own keys and repeated values are exactly
 * those the template was made from; the bytes are then what JSON.stringify would give.
 */
export interface JsonTemplate {
  /** The object's keys, in order. */
  keys: string[];
  /** Each key's value, or VARIES for a field written afresh each time; a flat object is kept as its entries. */
  values: unknown[];
  /** The bytes before each varying value (its key included), and after the last one. */
  segments: Uint8Array[];
}

/** A field of the object written afresh each time. */
const VARIES = Symbol("varies");
const encoder = new TextEncoder();

/** Writes a varying field's value; false when it cannot (nothing is written then). */
export type ValueWriter = (out: OutputBuffer, key: string, value: unknown) => boolean;

/**
 * A template of `object` with the `varying` fields left open, or undefined when the repeated
 * fields hold anything but primitives and flat objects of primitives.
 */
export function makeTemplate(object: object, varying: ReadonlySet<string>): JsonTemplate | undefined {
  const template: JsonTemplate = { keys: [], values: [], segments: [] };
  let pending = "{";
  for (const key of Object.keys(object)) {
    const value = (object as Record<string, unknown>)[key];
    if (value === undefined) continue;
    template.keys.push(key);
    pending += `${pending === "{" ? "" : ","}${JSON.stringify(key)}:`;
    if (varying.has(key)) {
      template.values.push(VARIES);
      template.segments.push(encoder.encode(pending));
      pending = "";
      continue;
    }
    const kept = keptValue(value);
    if (kept === undefined) return undefined;
    template.values.push(kept);
    pending += JSON.stringify(value);
  }
  template.segments.push(encoder.encode(`${pending}}`));
  return template;
}

/** A repeated value as kept: a primitive as it is, a flat object as its entries. */
function keptValue(value: unknown): unknown {
  if (isPrimitive(value)) return value;
  if (typeof value !== "object" || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as object);
  return entries.every(([, inner]) => isPrimitive(inner)) ? entries : undefined;
}

function isPrimitive(value: unknown): boolean {
  return (
    value === null ||
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

/**
 * Writes `object` through `template`, its varying fields by `writeValue`. False, with nothing
 * written, when the object's keys or repeated values differ from the template's.
 */
export function writeWithTemplate(
  out: OutputBuffer,
  template: JsonTemplate,
  object: object,
  writeValue: ValueWriter,
): boolean {
  const start = out.length;
  const { keys, values, segments } = template;
  let field = 0;
  let segment = 0;
  // for-in lists own keys first: an inherited enumerable one comes after them and fails the match, never written.
  for (const key in object) {
    const value = (object as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const kept = values[field];
    if (keys[field++] !== key) return out.rewind(start);
    if (kept === VARIES) {
      out.raw(segments[segment++]!);
      if (!writeValue(out, key, value)) return out.rewind(start);
    } else if (kept !== value && !(Array.isArray(kept) && sameEntries(kept as [string, unknown][], value))) {
      return out.rewind(start);
    }
  }
  if (field !== keys.length) return out.rewind(start);
  out.raw(segments[segment]!);
  return true;
}

/** Whether `value` is a plain object with exactly these own entries, in this order. */
function sameEntries(entries: readonly [string, unknown][], value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  let at = 0;
  for (const key in value) {
    const entry = entries[at++];
    if (!entry || entry[0] !== key || entry[1] !== (value as Record<string, unknown>)[key]) return false;
  }
  return at === entries.length;
}
