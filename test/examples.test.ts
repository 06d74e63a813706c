import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRuleSets } from "../src/index.js";
import { exampleFiles, runExamples } from "../src/examples/run-examples.js";
import { cli, RULES } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

/** The examples each bundled rule set carries must quote what they expect. */
describe.each(findRuleSets(RULES))("examples of %s", (ruleSet) => {
  it("has examples", () => expect(exampleFiles(ruleSet).length).toBeGreaterThan(1));
  it.each(runExamples(ruleSet).map((r) => [r.file, r] as const))("%s", (_file, result) => {
    expect(result.mismatches).toEqual([]);
  });
});

describe("ratecard test", () => {
  it("fails with a readable diff when an example is wrong", HEAVY, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ratecard-examples-")), "tencent-im");
    cpSync(join(RULES, "tencent-im"), dir, { recursive: true });
    writeFileSync(
      join(dir, "examples", "zz-broken.yaml"),
      [
        "ruleset: tencent-im",
        "period: 2026-10",
        "app: { createdAt: 2022-06-01 }",
        "edition: pro",
        "usage: { dau: 20001, groups: 0 }",
        "expect:",
        '  total: "899.98"',
        '  lines: { pro: "449.99", dau-overage: "449.99" }',
      ].join("\n"),
    );
    const { code, stdout } = await cli(["test", dir]);
    expect(code).toBe(1);
    expect(stdout).toContain(`FAIL  ${join(dir, "examples", "zz-broken.yaml")}`);
    expect(stdout).toMatch(/total\s+expected 899\.98\n\s+got 1349\.97/);
    expect(stdout).toMatch(/line dau-overage\s+expected 449\.99\n\s+got 899\.98/);
    expect(stdout).toMatch(/line groups-overage\s+expected \(no such line\)\n\s+got 0\.00/);
    expect(stdout).toMatch(/\d+ passed, 1 failed\n$/);
  });
});
