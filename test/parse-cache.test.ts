import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadRuleSet, quote } from "../src/index.js";
import { problemsOf, ROOT } from "./helpers.js";

const saved = process.env.RATECARD_CACHE_DIR;
afterEach(() => {
  process.env.RATECARD_CACHE_DIR = saved;
});

function freshCache(): string {
  const dir = mkdtempSync(join(tmpdir(), "ratecard-cache-"));
  process.env.RATECARD_CACHE_DIR = dir;
  return dir;
}

function minimalCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "ratecard-rules-")), "minimal");
  cpSync(join(ROOT, "test", "fixtures", "minimal"), dir, { recursive: true });
  return dir;
}

describe("rule files parsed once per content", () => {
  it("keeps each cleanly parsed file, and a load from the cache quotes the same", () => {
    const cache = freshCache();
    const rules = minimalCopy();
    const first = loadRuleSet(rules);
    const entries = readdirSync(cache);
    expect(entries.length).toBeGreaterThan(0);
    const doc = { ruleset: "minimal", period: "2026-10", usage: { calls: 12345 } };
    expect(quote(loadRuleSet(rules), doc, { explain: true })).toEqual(quote(first, doc, { explain: true }));
    expect(readdirSync(cache)).toEqual(entries);
  });

  it("gives the same positions from a cached file as from a parsed one", () => {
    const rules = minimalCopy();
    const mode = join(rules, "modes", "main.yaml");
    writeFileSync(mode, readFileSync(mode, "utf8").replace("aggregate: sum", "aggregate: mean"));
    freshCache();
    const parsed = problemsOf(() => loadRuleSet(rules));
    const cached = problemsOf(() => loadRuleSet(rules));
    expect(cached).toEqual(parsed);
    expect(cached[0]!.source).toMatchObject({ file: mode, line: 8, col: 16 });
  });

  it("ignores an entry it cannot read", () => {
    const cache = freshCache();
    const rules = minimalCopy();
    loadRuleSet(rules);
    for (const entry of readdirSync(cache)) writeFileSync(join(cache, entry), '{"truncated": ');
    expect(loadRuleSet(rules).id).toBe("minimal");
  });
});
