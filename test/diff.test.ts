import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectGolden } from "./golden-file.js";
import { cli, ROOT, RULES } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

const GOLDEN = join(ROOT, "test", "golden", "diff-2021-price-change.md");

/**
 * The 2021 price change of Tencent's original mode (README of the seeds): before 2021-08-06 Pro
 * cost 149.99, the top edition 449.99, and an overage block 149.99. The copy is made from the
 * current rules so that the two versions differ only by that change.
 */
function rulesBefore2021Change(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "ratecard-diff-")), "tencent-im");
  cpSync(join(RULES, "tencent-im"), dir, { recursive: true });
  const file = join(dir, "modes", "original.yaml");
  const text = readFileSync(file, "utf8")
    .replace("fee: 449.99", "fee: 149.99")
    .replace("fee: 899.99", "fee: 449.99")
    .replaceAll("blockPrice: 449.99", "blockPrice: 149.99");
  writeFileSync(file, text);
  return dir;
}

describe("ratecard diff", () => {
  it(
    "reports the 2021 price change in business terms, with its impact on every example (golden Markdown)",
    HEAVY,
    async () => {
      const { code, stdout } = await cli([
        "diff",
        "--format",
        "markdown",
        rulesBefore2021Change(),
        join(RULES, "tencent-im"),
      ]);
      expect(code).toBe(0);
      const normalised = stdout.replace(
        /^## Price list changes: .*$/m,
        "## Price list changes: tencent-im before → after the 2021-08-06 price change",
      );
      expectGolden(GOLDEN, normalised);
      expect(normalised).toContain(
        "| mode original (prices from 2021-08-06) › edition pro | monthly fee | 149.99 | 449.99 | +300.00 |",
      );
      expect(normalised).toContain("| original-pro-blocks.yaml | 599.96 | 1799.96 | +1200.00 |");
    },
  );

  it("says so when nothing changed", async () => {
    const { stdout } = await cli(["diff", join(RULES, "tencent-im"), join(RULES, "tencent-im")]);
    expect(stdout).toContain("no change to prices or rules");
    expect(stdout).toMatch(/original-pro-blocks\.yaml\s+1799\.96 →\s+1799\.96\s+\+0\.00/);
  });

  it("--git REV compares a rule set with itself at a git revision", HEAVY, async () => {
    const repo = mkdtempSync(join(tmpdir(), "ratecard-git-"));
    const dir = join(repo, "rules", "tencent-im");
    cpSync(join(RULES, "tencent-im"), dir, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
        stdio: "pipe",
      });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "prices");
    const file = join(dir, "modes", "current.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("unitPrice: 0.015", "unitPrice: 0.02"));
    const { code, stdout } = await cli(["diff", "--git", "HEAD", dir]);
    expect(code).toBe(0);
    expect(stdout).toContain("mode current › charge mau-overage: price: 0.015 each → 0.02 each");
    expect(stdout).toMatch(/current-standard\.yaml\s+600\.86 →\s+668\.14\s+\+67\.28/);
    const bad = await cli(["diff", "--git", "no-such-rev", dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("is not in git revision no-such-rev");
    const fresh = join(repo, "rules", "example-saas");
    cpSync(join(RULES, "example-saas"), fresh, { recursive: true });
    const uncommitted = await cli(["diff", "--git", "HEAD", fresh]);
    expect(uncommitted).toMatchObject({
      code: 1,
      stderr: `file.unreadable  ${fresh} is not in git revision HEAD (not committed there yet?); commit it first, or compare two folders with: ratecard diff OLD NEW\n`,
    });
  });

  it("compares folders that are not named after the rule set", async () => {
    const old = join(mkdtempSync(join(tmpdir(), "ratecard-old-")), "v1");
    cpSync(join(RULES, "example-saas"), old, { recursive: true });
    const { code, stdout } = await cli(["diff", old, join(RULES, "example-saas")]);
    expect(code).toBe(0);
    expect(stdout).toContain("no change to prices or rules");
  });
});
