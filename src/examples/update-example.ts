import { readFileSync, writeFileSync } from "node:fs";
import { isMap, isScalar, parseDocument, type Document } from "yaml";
import type { Quote } from "../model/quote.js";
import type { ExampleResult } from "./run-examples.js";

/** What `--update` changed in one example's `expect:`, one entry per value. */
export interface ExpectChange {
  what: string;
  from: string;
  to: string;
}

/**
 * Rewrites the `expect:` of an example that failed so that it expects what the rules now give,
 * in place: through yaml's Document API, so comments, key order and quoting are kept. It expects
 * what it expected before, in kind: a total always, line amounts and warnings when it listed them,
 * an error code when the rules refuse the document. JSON examples are rewritten as JSON.
 */
export function updateExample(result: ExampleResult): ExpectChange[] {
  if (result.ok || !result.got) return [];
  const text = readFileSync(result.file, "utf8");
  const doc = parseDocument(text, { keepSourceTokens: false });
  const got = result.got;
  const changes = Object.hasOwn(got, "quote")
    ? expectQuote(doc, (got as { quote: Quote }).quote)
    : expectError(doc, (got as { codes: string[] }).codes[0] ?? "");
  if (changes.length)
    writeFileSync(
      result.file,
      result.file.endsWith(".json") ? `${JSON.stringify(doc.toJS(), null, 2)}\n` : doc.toString({ lineWidth: 0 }),
    );
  return changes;
}

function expectQuote(doc: Document, quote: Quote): ExpectChange[] {
  const changes: ExpectChange[] = [];
  const old = expected(doc);
  if (has(doc, "error")) changes.push(remove(doc, ["expect", "error"], "error"));
  changes.push(...set(doc, ["expect", "total"], "total", quote.total));
  const lines = doc.getIn(["expect", "lines"], true);
  if (isMap(lines)) {
    const amounts = new Map(quote.lines.map((line) => [line.id, line.amount]));
    for (const [id, amount] of Object.entries(old.lines ?? {}))
      if (!amounts.has(id)) changes.push(remove(doc, ["expect", "lines", id], `line ${id}`, String(amount)));
    for (const [id, amount] of amounts) changes.push(...set(doc, ["expect", "lines", id], `line ${id}`, amount));
  }
  if (has(doc, "warnings")) {
    const codes = quote.warnings.map((warning) => warning.code);
    const before = (old.warnings ?? []).join(", ");
    if (before !== codes.join(", ")) {
      doc.setIn(["expect", "warnings"], doc.createNode(codes, { flow: true }));
      changes.push({ what: "warnings", from: before || "none", to: codes.join(", ") || "none" });
    }
  }
  return changes;
}

/** The rules now refuse the document: it expects that error, and no total or lines. */
function expectError(doc: Document, code: string): ExpectChange[] {
  const changes = ["total", "lines", "warnings"]
    .filter((key) => has(doc, key))
    .map((key) => remove(doc, ["expect", key], key));
  return [...changes, ...set(doc, ["expect", "error"], "error", code)];
}

function expected(doc: Document): { lines?: Record<string, unknown>; warnings?: string[] } {
  const value = doc.getIn(["expect"]) as { toJSON?: () => unknown } | undefined;
  return (isMap(value) ? value.toJSON() : {}) as { lines?: Record<string, unknown>; warnings?: string[] };
}

function has(doc: Document, key: string): boolean {
  return doc.hasIn(["expect", key]);
}

/** Sets a value, keeping the scalar's quoting when there is one; no change when it is equal. */
function set(doc: Document, path: string[], what: string, to: string): ExpectChange[] {
  const node = doc.getIn(path, true);
  const from = isScalar(node) ? String(node.value) : undefined;
  if (from === to) return [];
  if (isScalar(node)) node.value = to;
  else doc.setIn(path, to);
  return [{ what, from: from ?? "(none)", to }];
}

function remove(doc: Document, path: string[], what: string, from?: string): ExpectChange {
  const node = doc.getIn(path, true);
  doc.deleteIn(path);
  return { what, from: from ?? (isScalar(node) ? String(node.value) : "(listed)"), to: "(none)" };
}
