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
    key === "properties" ? Object.entries(value as Record<string, Record<string, unknown>>).map(([name, schema]) => [`${path}/properties/${name}`, schema] as [string, Record<string, unknown>]) : [],
  );
  return [...own, ...entries.flatMap(([key, value]) => properties(value, `${path}/${key}`))];
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
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
      tencentQuote({ app: { createdAt: "2022-06-01" }, edition: "pro", usage: { dau: 23456, groups: 1 }, addons: { "message-retention": { days: 30 } } }),
      tencentQuote({ edition: "standard", usage: { mau: 5, pcc: 1 } }),
      saasQuote({ edition: "business", usage: { emails: 1e6, seats: 4, storage: 3 } }),
    ];
    for (const q of quotes) expect(validate(q), JSON.stringify(validate.errors)).toBe(true);
  });
});
