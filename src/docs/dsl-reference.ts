import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROBLEM_CODE_GROUPS } from "../errors/codes.js";
import { SCHEMAS_DIR } from "../validate/schema-files.js";

type Schema = Record<string, unknown>;

interface Row {
  path: string;
  type: string;
  required: boolean;
  description: string;
  example?: string | undefined;
}

const readSchema = (file: string) => JSON.parse(readFileSync(join(SCHEMAS_DIR, file), "utf8")) as Schema;

const SCHEMAS = {
  "common.schema.json": readSchema("common.schema.json"),
  "ruleset.schema.json": readSchema("ruleset.schema.json"),
  "mode.schema.json": readSchema("mode.schema.json"),
  "usage.schema.json": readSchema("usage.schema.json"),
};

/** A schema file the reference documents. */
type SchemaFile = keyof typeof SCHEMAS;

/** The same schemas by any name a `$ref` may give. */
const schemas = new Map<string, Schema>(Object.entries(SCHEMAS));

/** Follows a `$ref` (local or to another schema file) to the schema it names. */
function resolve(schema: Schema, file: string): { schema: Schema; file: string; name?: string | undefined } {
  const ref = schema.$ref as string | undefined;
  if (!ref) return { schema, file };
  const [target, pointer = ""] = ref.split("#");
  const nextFile = target || file;
  let node: unknown = schemas.get(nextFile);
  for (const part of pointer.split("/").filter(Boolean)) node = (node as Schema)[part];
  const resolved = resolve(node as Schema, nextFile);
  return { ...resolved, name: resolved.name ?? pointer.split("/").at(-1) };
}

const NAMED: Record<string, string> = {
  id: "id",
  date: "date (YYYY-MM-DD)",
  decimal: "decimal",
  count: "whole number",
  positiveCount: "whole number > 0",
  positiveDecimal: "decimal > 0",
  text: "text",
  logic: "JSON Logic",
  limitValue: "whole number or `unlimited`",
  optionCell: "decimal, `included` or `not-offered`",
  meterValue: "number, list of daily numbers, or a map by dimension value",
};

function typeOf(schema: Schema, file: string): string {
  // Nested references are read in the file the schema came from (a usage document's `quotas` are a mode file's).
  const { schema: s, name, file: f } = resolve(schema, file);
  if (name && NAMED[name]) return NAMED[name];
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (Array.isArray(s.enum)) return s.enum.map((v) => `\`${String(v)}\``).join(", ");
  if (Array.isArray(s.oneOf) && !s.discriminator)
    return [...new Set(s.oneOf.map((b) => typeOf(b as Schema, f)))].join(" or ");
  if (s.type === "array") return `list of ${typeOf(s.items as Schema, f)}`;
  if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object")
    return `map of ${typeOf(s.additionalProperties as Schema, f)}`;
  return Array.isArray(s.type) ? s.type.join(" or ") : String((s.type as string | undefined) ?? "any");
}

/** Every property under `schema`, with dotted paths (`[]` for list items, `<key>` for map keys). */
function rows(
  schema: Schema,
  file: string,
  path: string,
  seen: ReadonlySet<string> = new Set(),
  priced = { done: false },
): Row[] {
  // A definition of another file's reference (a usage document's override names a mode's price) is described there.
  const ref = schema.$ref as string | undefined;
  if (ref && !ref.startsWith("#") && !ref.startsWith("common.schema.json") && !ref.startsWith(`${file}#`)) return [];
  const { schema: s, file: f, name } = resolve(schema, file);
  // A definition met again below itself (a price's `then` is a price) is described once, above.
  if (name === "logic" || (name && seen.has(name))) return [];
  // Prices are described once, where a charge states one; `prices[].price` and a free price's `then` are the same models.
  if (name === "price" || name === "paidPrice") {
    if (priced.done) return [];
    priced.done = true;
  }
  const inside = name ? new Set([...seen, name]) : seen;
  if (s.discriminator && Array.isArray(s.oneOf)) {
    return s.oneOf.flatMap((branch) => {
      const { schema: b, file: bf } = resolve(branch as Schema, f);
      const model = ((b.properties as Schema).model as Schema).const as string;
      return rows(b, bf, `${path} (model: ${model})`, inside, priced);
    });
  }
  if (s.type === "array" && s.items) return rows(s.items as Schema, f, `${path}[]`, inside, priced);
  if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object" && !s.properties)
    return rows(s.additionalProperties as Schema, f, `${path}.<key>`, inside, priced);
  const properties = (s.properties as Record<string, Schema> | undefined) ?? {};
  const required = (s.required as string[] | undefined) ?? [];
  return Object.entries(properties).flatMap(([key, property]) => {
    const here = path ? `${path}.${key}` : key;
    const target = resolve(property, f).schema;
    const example =
      (property.examples as unknown[] | undefined)?.[0] ??
      (target.examples as unknown[] | undefined)?.[0] ??
      target.const ??
      (target.enum as unknown[] | undefined)?.[0];
    const row: Row = {
      path: here,
      type: typeOf(property, f),
      required: required.includes(key),
      description: textOf(property.description ?? target.description),
      ...(example !== undefined ? { example: JSON.stringify(example) } : {}),
    };
    return [row, ...rows(property, f, here, inside, priced)];
  });
}

/** Finds a value at a documented path in the bundled rule documents, for an example. */
function exampleFrom(documents: unknown[], path: string): string | undefined {
  const parts = path
    .replace(/ \(model: (\w[\w-]*)\)/g, ".#$1")
    .split(/\.|(?=\[\])/)
    .filter(Boolean);
  const walk = (node: unknown, [part, ...rest]: string[]): unknown => {
    if (part === undefined) return node;
    if (node === null || typeof node !== "object") return undefined;
    if (part === "[]") {
      for (const item of node as unknown[]) {
        const found = walk(item, rest);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (part === "<key>") {
      for (const value of Object.values(node)) {
        const found = walk(value, rest);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (part.startsWith("#"))
      return (node as { model?: string }).model === part.slice(1) ? walk(node, rest) : undefined;
    return walk((node as Record<string, unknown>)[part], rest);
  };
  for (const document of documents) {
    const found = walk(document, parts);
    if (found !== undefined) return JSON.stringify(found).slice(0, 80);
  }
  return undefined;
}

export interface ReferenceSection {
  title: string;
  file: SchemaFile;
  intro: string;
  documents: unknown[];
}

/** The DSL reference: one table per kind of file, every property with its type, description and an example. */
export function dslReference(sections: ReferenceSection[]): { markdown: string; rows: (Row & { section: string })[] } {
  const out = [
    "# Rule DSL reference",
    "",
    "Generated from the JSON Schemas in `schemas/` by `ratecard docs` (do not edit by hand). Examples come from the schemas or, where they give none, from the bundled rule sets. A tutorial that builds a rule set step by step is in [tutorial.md](tutorial.md).",
    "",
  ];
  const all: (Row & { section: string })[] = [];
  for (const section of sections) {
    const table = rows(SCHEMAS[section.file], section.file, "").map((row) => ({
      ...row,
      example: row.example ?? exampleFrom(section.documents, row.path),
      section: section.title,
    }));
    all.push(...table);
    out.push(
      `## ${section.title}`,
      "",
      section.intro,
      "",
      "| Property | Type | Required | Description | Example |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const row of table)
      out.push(
        `| \`${row.path}\` | ${row.type} | ${row.required ? "yes" : ""} | ${row.description.replace(/\|/g, "\\|")} | ${row.example ? `\`${row.example.replace(/\|/g, "\\|")}\`` : ""} |`,
      );
    out.push("");
  }
  out.push(...problemCodes());
  return { markdown: `${out.join("\n").trimEnd()}\n`, rows: all };
}

/** Every problem code, from the closed list in src/errors/codes.ts, for `expect: { error }` and programs that switch on codes. */
function problemCodes(): string[] {
  const out = [
    "## Problem codes",
    "",
    "Every problem ratecard reports carries one of these codes (`file:line:col  code  message` on the command line, `problems[].code` from the library); an example refused on purpose names one in `expect: { error }`. Usage lists: daily values at most the month's days (for `aggregate: average` with `missingDays: refuse`, every day; with `zero` a day not given counts as 0, with `ignore` the mean is over the days given); hourly values (`input: hourly`) exactly the month's hours in UTC, 672 to 744.",
    "",
    "| Where it arises | Codes |",
    "| --- | --- |",
  ];
  for (const group of PROBLEM_CODE_GROUPS)
    out.push(`| ${group.title} | ${group.codes.map((code) => `\`${code}\``).join(", ")} |`);
  out.push("");
  return out;
}

/** A schema's text field: descriptions are strings; anything else reads as none. */
function textOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}
