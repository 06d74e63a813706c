import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

// The package as another project installs it: `files`, `exports`, `bin` and types checked from a
// temporary project with nothing but the packed tarball (dependencies from npm's cache, else the registry).
const project = mkdtempSync(join(tmpdir(), "ratecard-consumer-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("the packed package", () => {
  it("installs in another project, where the library, its types and the CLI work", { timeout: 180_000 }, () => {
    npm(["pack", "--ignore-scripts", "--pack-destination", project], ROOT);
    const tarball = readdirSync(project).find((f) => f.endsWith(".tgz"))!;
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    npm(["install", `./${tarball}`, "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], project);

    writeFileSync(
      join(project, "main.ts"),
      `import { BUNDLED_RULES_DIR, loadRuleSet, quote, RatecardError, type Quote } from "ratecard";
import { join } from "node:path";
const ruleSet = loadRuleSet(join(BUNDLED_RULES_DIR, "tencent-im"));
const q: Quote = quote(ruleSet, { ruleset: "tencent-im", period: "2026-10", app: { createdAt: "2022-06-01" }, edition: "pro", usage: { dau: 23456, groups: 120000 } });
try { quote(ruleSet, { ruleset: "tencent-im", period: "2026-10", usage: { dau: "lots" } }); } catch (error) { if (!(error instanceof RatecardError)) throw error; }
console.log(q.total);
`,
    );
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    execFileSync(
      process.execPath,
      [
        tsc,
        "--noEmit",
        "--strict",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--target",
        "es2022",
        "--skipLibCheck",
        "--types",
        "node",
        "--typeRoots",
        join(ROOT, "node_modules", "@types"),
        "main.ts",
      ],
      { cwd: project },
    );
    writeFileSync(
      join(project, "main.mjs"),
      `import { BUNDLED_RULES_DIR, loadRuleSet, quote } from "ratecard";
import { join } from "node:path";
const q = quote(loadRuleSet(join(BUNDLED_RULES_DIR, "tencent-im")), { ruleset: "tencent-im", period: "2026-10", app: { createdAt: "2022-06-01" }, edition: "pro", usage: { dau: 23456, groups: 120000 } });
console.log(q.total);
`,
    );
    expect(execFileSync(process.execPath, ["main.mjs"], { cwd: project, encoding: "utf8" }).trim()).toBe("1799.96");
    const bin = join(project, "node_modules", ".bin", "ratecard");
    expect(execFileSync(bin, ["--version"], { cwd: project, encoding: "utf8" }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    // Files a consumer must not get: sources and tests.
    const files = readdirSync(join(project, "node_modules", "ratecard"));
    expect(files.sort()).toEqual([
      "LICENSE",
      "README.md",
      "bin",
      "dist",
      "generated",
      "package.json",
      "rules",
      "schemas",
    ]);
    // Installing runs nothing of ours (npm asks users to approve packages with install scripts).
    const installed = JSON.parse(readFileSync(join(project, "node_modules", "ratecard", "package.json"), "utf8"));
    expect(Object.keys(installed.scripts ?? {}).filter((name) => /^(pre|post)?(install|prepare)$/.test(name))).toEqual(
      [],
    );
    // A source map names sources the package does not ship, so each one carries them inline.
    const map = JSON.parse(
      readFileSync(join(project, "node_modules", "ratecard", "dist", "rulesets", "find-rulesets.js.map"), "utf8"),
    );
    expect(map.sourcesContent).toHaveLength(map.sources.length);
    expect(map.sourcesContent[0]).toContain("export function findRuleSets");
  });
});
