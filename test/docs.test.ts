import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateDocs } from "../src/docs/generate-docs.js";
import { loadRuleSet, quote } from "../src/index.js";
import { ROOT, RULES } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

const DOCS = join(ROOT, "docs");
const SEEDS = join(ROOT, "test", "fixtures", "seeds");
const MONTH = "2026-10";

function generated(rulesDir = RULES) {
  const out = mkdtempSync(join(tmpdir(), "ratecard-docs-"));
  generateDocs(rulesDir, out, MONTH);
  return out;
}

function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(dir, join(prefix, e.name)) : [join(prefix, e.name)]));
}

describe("generated documentation", () => {
  it("docs/ is what the rules generate today (regenerate with npm run docs)", HEAVY, () => {
    const out = generated();
    const pages = filesUnder(out);
    // Every generated page is committed, and no page of a rule set is left over from an older run.
    const committedRuleSetPages = filesUnder(DOCS).filter((f) => f.includes("/") && !f.startsWith("api/"));
    expect(committedRuleSetPages.sort()).toEqual(pages.filter((f) => f.includes("/")).sort());
    for (const file of pages) {
      const fresh = readFileSync(join(out, file), "utf8");
      const committed = readFileSync(join(DOCS, file), "utf8");
      // Compared whole, the inlined calculator included: the committed page must run today's code.
      expect(committed === fresh, `${file} differs from what the rules generate; run npm run docs`).toBe(true);
    }
  });

  it("every figure and date of both seed price pages appears on the page of its mode", () => {
    const seeds: [string, string][] = [
      ["000_b9ce925afb577296.txt", "original.md"],
      ["002_d22a20007ca42ae8.txt", "current.md"],
    ];
    for (const [seed, page] of seeds) {
      const text = readFileSync(join(SEEDS, seed), "utf8")
        .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // links: keep the words, drop the address
        .replace(/<[^>]*>/g, " ") // HTML tags and their attributes
        .replace(/\(id:[^)]*\)/g, "");
      const figures = new Set(text.match(/\d[\d,]*(\.\d+)?/g)!.filter((f) => !/^\d{4}$/.test(f) || f === "2022"));
      const dates = text.match(/(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}/g) ?? [];
      const markdown = readFileSync(join(DOCS, "tencent-im", page), "utf8");
      const missing = [...figures, ...dates].filter((figure) => !markdown.includes(figure));
      expect(missing, `${seed} → ${page}`).toEqual([]);
      expect(figures.size).toBeGreaterThan(5);
    }
  });

  it("a changed price changes the pages and the quote, with no code change", HEAVY, () => {
    const rules = join(mkdtempSync(join(tmpdir(), "ratecard-price-")), "rules");
    cpSync(RULES, rules, { recursive: true });
    const file = join(rules, "tencent-im", "modes", "current.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("fee: 399", "fee: 419"));
    const out = generated(rules);
    expect(readFileSync(join(out, "tencent-im", "current.md"), "utf8")).toContain("| Unit price | Free | 419.00 USD/month | 699.00 USD/month |");
    expect(readFileSync(join(out, "tencent-im", "index.html"), "utf8")).toContain('"fee":419');
    const usage = { ruleset: "tencent-im", period: MONTH, edition: "standard", usage: { mau: 10_000 } };
    expect(quote(loadRuleSet(join(rules, "tencent-im")), usage).total).toBe("419.00");
  });
});

describe("the DSL reference", () => {
  it("documents every property with a type, a description and an example", () => {
    const rows = readFileSync(join(DOCS, "dsl.md"), "utf8")
      .split("\n")
      .filter((line) => line.startsWith("| `"));
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const [, path, type, , description, example] = row.split(/ \| |^\| | \|$/);
      expect(type, path).not.toBe("");
      expect(description, path).not.toBe("");
      expect(example, path).toMatch(/^`.+`$/);
    }
  });
});
