import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exampleFiles, runExamples } from "../src/examples/run-examples.js";
import { BUNDLED_DIRS, cli, RULES } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

/** The examples each bundled rule set carries must quote what they expect. */
describe.each(BUNDLED_DIRS)("examples of %s", (ruleSet) => {
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

describe("ratecard test --update", () => {
  /** A copy of tencent-im whose examples are only the given files. */
  function withExamples(files: Record<string, string>): string {
    const dir = join(mkdtempSync(join(tmpdir(), "ratecard-update-")), "tencent-im");
    cpSync(join(RULES, "tencent-im"), dir, { recursive: true });
    rmSync(join(dir, "examples"), { recursive: true });
    mkdirSync(join(dir, "examples"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "examples", name), text);
    return dir;
  }
  const pro = (expect: string[]) =>
    [
      "# yaml-language-server: $schema=../../../schemas/usage.schema.json",
      "name: Pro over quota   # a comment that must survive",
      "ruleset: tencent-im",
      "period: 2026-10",
      "app: { createdAt: 2022-06-01 }",
      "edition: pro",
      "usage: { dau: 23456, groups: 0 }",
      "expect:",
      ...expect,
      "",
    ].join("\n");

  it("rewrites a failing expect in place, keeping comments and quoting, and says what changed", async () => {
    const dir = withExamples({
      "a.yaml": pro([
        '  total: "899.98"   # was right once',
        '  lines: { pro: "449.99", dau-overage: "449.99", gone: "1.00" }',
        "  warnings: [limit.exceeded]",
      ]),
    });
    const first = await cli(["test", "--update", dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`UPDATED  ${join(dir, "examples", "a.yaml")}`);
    expect(first.stdout).toMatch(/total\s+899\.98 → 1349\.97/);
    expect(first.stdout).toMatch(/line gone\s+1\.00 → \(none\)/);
    expect(first.stdout).toMatch(/line dau-overage\s+449\.99 → 899\.98/);
    expect(first.stdout).toMatch(/line groups-overage\s+\(none\) → 0\.00/);
    expect(first.stdout).toMatch(/warnings\s+limit\.exceeded → none/);
    expect(first.stdout).toMatch(/0 passed, 1 updated, 0 failed\n$/);
    const text = readFileSync(join(dir, "examples", "a.yaml"), "utf8");
    expect(text).toContain("# a comment that must survive");
    expect(text).toContain('total: "1349.97" # was right once');
    expect(text).toContain('dau-overage: "899.98"');
    // Now it passes, and a second update changes nothing.
    const second = await cli(["test", "--update", dir]);
    expect(second.stdout).toMatch(/1 passed, 0 updated, 0 failed\n$/);
    expect(readFileSync(join(dir, "examples", "a.yaml"), "utf8")).toBe(text);
  });

  it("expects the error when the rules now refuse the document, and a total when they quote it", async () => {
    const refused = pro(['  total: "1.00"']).replace("edition: pro", "edition: no-such-edition");
    const quoted = pro(["  error: usage.edition"]);
    const dir = withExamples({ "refused.yaml": refused, "quoted.yaml": quoted });
    const { code, stdout } = await cli(["test", "--update", dir]);
    expect(code).toBe(0);
    expect(readFileSync(join(dir, "examples", "refused.yaml"), "utf8")).toMatch(
      /expect:\n {2}error: usage\.edition\n$/,
    );
    expect(readFileSync(join(dir, "examples", "quoted.yaml"), "utf8")).toMatch(/expect:\n {2}total: "1349\.97"\n$/);
    expect(stdout).toMatch(/0 passed, 2 updated, 0 failed\n$/);
    expect((await cli(["test", dir])).code).toBe(0);
  });

  it("without --update, a failing example is left as it is", async () => {
    const before = pro(['  total: "899.98"']);
    const dir = withExamples({ "a.yaml": before });
    expect((await cli(["test", dir])).code).toBe(1);
    expect(readFileSync(join(dir, "examples", "a.yaml"), "utf8")).toBe(before);
  });
});
