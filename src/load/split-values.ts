import { isPair, isScalar, visit, type Document } from "yaml";

/** A value that YAML split at a comma inside `{ … }`: where it starts, as it was written, and whether it is a number. */
export interface SplitValue {
  offset: number;
  written: string;
  number: boolean;
}

/**
 * Values written with a comma inside a flow mapping: `{ calls: 1,500 }` is, to YAML, `calls: 1`
 * and a key `500` with no value, so a thousands separator or a decimal comma would silently change
 * the number; `{ note: Hello, world }` loses ", world" the same way. Found as a plain value followed
 * by a plain key with no colon and no value.
 */
export function splitValues(document: Document.Parsed, text: string): SplitValue[] {
  const found: SplitValue[] = [];
  const plainRange = (node: unknown) => (isScalar(node) && node.type === "PLAIN" && node.range) || undefined;
  visit(document, {
    Map(_key, map) {
      if (!map.flow) return;
      map.items.forEach((pair, index) => {
        const next = map.items[index + 1];
        if (!isPair(pair) || !isPair(next) || next.value !== null) return;
        const valueRange = plainRange(pair.value);
        const partRange = plainRange(next.key);
        if (!valueRange || !partRange) return;
        const value = text.slice(valueRange[0], valueRange[1]);
        const part = text.slice(partRange[0], partRange[1]);
        if (!value || !part || /^\s*:/.test(text.slice(partRange[1]))) return;
        const number = /^[+-]?\d+$/.test(value) && /^\d+$/.test(part);
        const between = text.slice(valueRange[1], partRange[0]);
        found.push({
          offset: valueRange[0],
          written: `${value}${between}${part}`,
          number,
        });
      });
    },
  });
  return found;
}
