import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { validatorFor } from "../src/validate/schemas.js";
import { BUNDLED_DIRS, ROOT, saasQuote, tencentQuote } from "./helpers.js";

const SCHEMAS = join(ROOT, "schemas");

/** Every property of every schema, with its JSON path. */
function properties(node: unknown, path: string): [string, Record<string, unknown>][] {
  if (!node || typeof node !== "object") return [];
  if (Array.isArray(node)) return node.flatMap((item, i) => properties(item, `${path}/${i}`));
  const entries = Object.entries(node as Record<string, unknown>);
  const own = entries.flatMap(([key, value]) =>
    key === "properties"
      ? Object.entries(value as Record<string, Record<string, unknown>>).map(
          ([name, schema]) => [`${path}/properties/${name}`, schema] as [string, Record<string, unknown>],
        )
      : [],
  );
  return [...own, ...entries.flatMap(([key, value]) => properties(value, `${path}/${key}`))];
}

/** Every `$ref` in a schema. */
function refs(node: unknown): string[] {
  if (!node || typeof node !== "object") return [];
  const own = typeof (node as { $ref?: unknown }).$ref === "string" ? [(node as { $ref: string }).$ref] : [];
  return [...own, ...Object.values(node).flatMap(refs)];
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe("schemas", () => {
  const names = readdirSync(SCHEMAS).filter((f) => f.endsWith(".schema.json"));
  it.each(names)("%s describes every property", (name) => {
    const schema = JSON.parse(readFileSync(join(SCHEMAS, name), "utf8"));
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const undocumented = properties(schema, "#")
      .filter(([, property]) => typeof property.description !== "string")
      .map(([path]) => path);
    expect(undocumented).toEqual([]);
  });

  it.each(names)("%s has a stable $id, a title and a description (ready for SchemaStore)", (name) => {
    const schema = JSON.parse(readFileSync(join(SCHEMAS, name), "utf8"));
    expect(schema.$id).toBe(`https://ratecard.dev/schemas/${name}`);
    expect(schema.title).toMatch(/^ratecard \w/);
    expect(schema.description.length).toBeGreaterThan(30);
  });

  it.each(names)("%s refers to other schemas by file name, so that every $ref resolves from disk", (name) => {
    const unresolved = refs(JSON.parse(readFileSync(join(SCHEMAS, name), "utf8"))).filter((ref) => {
      const [file, pointer = ""] = ref.split("#");
      if (file && !/^[a-z]+\.schema\.json$/.test(file)) return true;
      let node: unknown = JSON.parse(readFileSync(join(SCHEMAS, file || name), "utf8"));
      for (const key of pointer.split("/").slice(1)) node = (node as Record<string, unknown> | undefined)?.[key];
      return typeof node !== "object";
    });
    expect(unresolved).toEqual([]);
  });

  it("spells out the levels of a JSON Logic condition alike, each referring to the next, down to a plain value", () => {
    const defs = (
      JSON.parse(readFileSync(join(SCHEMAS, "common.schema.json"), "utf8")) as {
        $defs: Record<string, { description: string; oneOf: unknown[] }>;
      }
    ).$defs;
    const levels = ["logic", ...Object.keys(defs).filter((key) => /^logic\d+$/.test(key))];
    const deepest = levels.length - 1;
    expect(levels.at(-1)).toBe(`logic${deepest}`);
    const level = (next: string) => [
      { type: ["string", "number", "boolean", "null"] },
      { type: "array", items: { $ref: `#/$defs/${next}` } },
      {
        type: "object",
        minProperties: 1,
        maxProperties: 1,
        propertyNames: { $ref: "#/$defs/logicOperator" },
        additionalProperties: { $ref: `#/$defs/${next}` },
      },
    ];
    levels.slice(0, -1).forEach((name, i) => expect(defs[name]!.oneOf, name).toEqual(level(`logic${i + 1}`)));
    expect(defs[`logic${deepest}`]!.oneOf).toEqual([{ type: ["string", "number", "boolean", "null"] }]);
    // The depth the descriptions promise is the depth spelled out; the bundled rules nest 5 deep.
    for (const name of ["logic", `logic${deepest}`])
      expect(defs[name]!.description).toContain(`at most ${deepest} deep`);
  });

  it("every rule file starts with the yaml-language-server schema line for its kind", () => {
    for (const file of BUNDLED_DIRS.flatMap(files).filter((f) => f.endsWith(".yaml"))) {
      const first = readFileSync(file, "utf8").split("\n")[0];
      const kind = file.endsWith("ruleset.yaml") ? "ruleset" : file.includes("/examples/") ? "usage" : "mode";
      const expected = relative(join(file, ".."), join(SCHEMAS, `${kind}.schema.json`));
      expect(first, relative(ROOT, file)).toBe(`# yaml-language-server: $schema=${expected}`);
    }
  });

  it("quotes conform to quote.schema.json", () => {
    const validate = validatorFor("quote");
    const quotes = [
      tencentQuote({
        app: { createdAt: "2022-06-01" },
        edition: "pro",
        usage: { dau: 23456, groups: 1 },
        addons: { "message-retention": { days: 30 } },
      }),
      tencentQuote({ edition: "standard", usage: { mau: 5, pcc: 1 } }),
      saasQuote({ edition: "business", usage: { emails: 1e6, seats: 4, storage: 3 } }),
    ];
    for (const q of quotes) expect(validate(q), JSON.stringify(validate.errors)).toBe(true);
  });
});
