import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseUsage, quote } from "../src/index.js";
import { BUNDLED, bundledRules, cli, ROOT, tencent } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

const PRO = join(ROOT, "examples", "tencent-im-pro.yaml");

describe("ratecard validate", () => {
  it("accepts the bundled rule sets", async () => {
    const { code, stdout } = await cli(["validate"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/tencent-im: valid/);
    expect(stdout).toMatch(/example-saas: valid/);
  });

  it("prints every problem as file:line:col  code  message and exits 1", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ratecard-cli-")), "minimal");
    cpSync(join(ROOT, "test", "fixtures", "minimal"), dir, { recursive: true });
    const mode = join(dir, "modes", "main.yaml");
    writeFileSync(
      mode,
      readFileSync(mode, "utf8")
        .replace("aggregate: sum", "aggregate: mean")
        .replace("meter: calls", "meter: requests"),
    );
    const { code, stderr } = await cli(["validate", dir]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${mode}:8:16  schema.enum  meters[0].aggregate is "mean"; expected one of: max, min, sum, average, latest`,
    );
  });

  it("exits 1 for a folder without rule sets", async () => {
    expect((await cli(["validate", tmpdir()])).code).toBe(1);
  });
});

describe("ratecard quote", () => {
  it("--format json prints exactly the quote object", async () => {
    const { code, stdout } = await cli(["quote", "--format", "json", PRO]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(quote(tencent, parseUsage(readFileSync(PRO, "utf8"), PRO), { explain: true }));
  });

  it("--fields keeps only the quote fields listed, for a month and for every month of a forecast", async () => {
    const full = quote(tencent, parseUsage(readFileSync(PRO, "utf8"), PRO));
    const one = await cli(["quote", "--format", "json", "--fields", "total,edition", PRO]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({ edition: full.edition, total: full.total });
    const forecast = await cli([
      "quote",
      "--format",
      "json",
      "--fields",
      "period,total",
      join(ROOT, "examples", "tencent-im-forecast.yaml"),
    ]);
    const months = (JSON.parse(forecast.stdout) as { months: object[]; total: string }).months;
    expect(months.length).toBeGreaterThan(1);
    expect(months.map((month) => Object.keys(month))).toEqual(months.map(() => ["period", "total"]));
  });

  it("reads standard input with -", async () => {
    const { code, stdout } = await cli(["quote", "--format", "json", "-"], readFileSync(PRO, "utf8"));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).total).toBe("2219.94");
  });

  it("takes rules from --rules", async () => {
    const usage = "ruleset: minimal\nperiod: 2026-10\nedition: plus\nusage: { calls: 3000 }\n";
    const { code, stdout } = await cli(
      ["quote", "--rules", join(ROOT, "test", "fixtures"), "--format", "json", "-"],
      usage,
    );
    expect(code).toBe(0);
    // 2,000 above the quota: 1,000 × 0.01 + 1,000 × 0.005 = 15, plus the 10 fee
    expect(JSON.parse(stdout).total).toBe("25.00");
  });

  it("exits 1 with one readable line per problem in the usage", async () => {
    const usage =
      "ruleset: tencent-im\nperiod: 2026-10\napp: { createdAt: 2022-06-01 }\nedition: pro\nusage: { dau: 10, groups: -3 }\n";
    const { code, stdout, stderr } = await cli(["quote", "-"], usage);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe("<stdin>:5:27  usage.value  usage.groups is -3; usage cannot be negative\n");
  });

  it("exits 1 for an unknown rule set, naming the ones there are", async () => {
    const { code, stderr } = await cli(
      ["quote", "--rules", bundledRules(), "-"],
      "ruleset: slack\nperiod: 2026-10\nusage: {}\n",
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(`^<stdin>:1:10 {2}usage\\.ruleset {2}unknown rule set "slack"; .* has: ${BUNDLED.join(", ")}\\n$`),
    );
  });

  it("exits 1 for a missing usage file", async () => {
    const { code, stderr } = await cli(["quote", "no-such-file.yaml"]);
    expect(code).toBe(1);
    expect(stderr).toBe("file.not-found  usage file no-such-file.yaml does not exist\n");
  });
});

describe("the command line itself", () => {
  const cases: [string, string[]][] = [
    ["no command", []],
    ["an unknown command", ["bil"]],
    ["an unknown option", ["quote", "--currency", "EUR", PRO]],
    ["a bad format", ["quote", "--format", "xml", PRO]],
    ["no usage file", ["quote"]],
    ["two usage files", ["quote", PRO, PRO]],
  ];
  it.each(cases)("exits 2 for %s", async (_name, args) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("prints help and the version", async () => {
    expect((await cli(["--help"])).stdout).toContain("ratecard quote");
    expect((await cli(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

// `npm test` builds dist/ first (`npm run build`).
describe("the ratecard bin", () => {
  it("runs from the built package", HEAVY, () => {
    const bin = join(ROOT, "bin", "ratecard.js");
    const ok = spawnSync(process.execPath, [bin, "quote", "--format", "json", PRO], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).total).toBe("2219.94");
    const bad = spawnSync(process.execPath, [bin, "quote", "-"], {
      input: "ruleset: tencent-im\nperiod: 2026-10\nusage: { mau: x }\n",
      encoding: "utf8",
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('<stdin>:3:15  usage.value  usage.mau is "x", which is not a number\n');
  });
});

describe("ratecard init", () => {
  it("writes a rule set that passes check and test, and refuses a folder that is not empty", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ratecard-init-")), "my-product");
    const init = await cli(["init", dir]);
    expect(init.code).toBe(0);
    expect(readFileSync(join(dir, "ruleset.yaml"), "utf8").split("\n")[0]).toMatch(
      /^# yaml-language-server: \$schema=.*schemas\/ruleset\.schema\.json$/,
    );
    const check = await cli(["check", dir]);
    expect([check.code, check.stdout]).toEqual([0, `${dir}: 0 errors, 0 warnings\n`]);
    const test = await cli(["test", dir]);
    expect(test.code).toBe(0);
    expect(test.stdout).toContain("1 passed, 0 failed");
    expect((await cli(["init", dir])).code).toBe(1);
  });
});

describe("ratecard compare and recommend", () => {
  const FILE = join(ROOT, "examples", "tencent-im-should-i-migrate.yaml");

  it("compare --format json lists every option with totals as decimal strings", async () => {
    const { code, stdout } = await cli(["compare", "--format", "json", FILE]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.current).toMatchObject({ mode: "original", edition: "pro", total: "2039.95" });
    expect(result.options[0]).toMatchObject({
      mode: "current",
      edition: "premium",
      possible: true,
      total: "1449.00",
      difference: "-590.95",
    });
  });

  it("recommend prints the choice and why cheaper options fall short", async () => {
    const { code, stdout } = await cli([
      "recommend",
      FILE,
      "--need",
      "members-per-group>=2000",
      "--need",
      "retention-days>=90",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("Recommended: original / pro + group-members + message-retention (90) = 2,219.94 USD");
    expect(stdout).toContain("current / premium (1,449.00 USD): retention-days is 30, needs >=90");
  });

  it("recommend exits 1 when nothing meets the needs, and 2 without a need", async () => {
    expect((await cli(["recommend", FILE, "--need", "members-per-group>=100000"])).code).toBe(1);
    expect((await cli(["recommend", FILE])).code).toBe(2);
  });

  it("a missing usage file is a clear error, not a crash", async () => {
    const { code, stderr } = await cli(["compare", "no-such-file.yaml"]);
    expect([code, stderr]).toEqual([1, "file.not-found  usage file no-such-file.yaml does not exist\n"]);
  });
});

describe("docs --month", () => {
  it.each(["2026-13", "2026-00", "2026-1", "26-10", "2026-10-01", ""])(
    "refuses %j as quote refuses such a period: schema.pattern, nothing written",
    async (month) => {
      const out = join(mkdtempSync(join(tmpdir(), "ratecard-docs-month-")), "site");
      const { code, stdout, stderr } = await cli(["docs", "--out", out, "--month", month]);
      expect([code, stdout, stderr]).toEqual([
        1,
        "",
        `schema.pattern  --month is "${month}"; expected the calendar month the calculator opens at, YYYY-MM\n`,
      ]);
      expect(existsSync(out)).toBe(false);
      const usage = await cli(
        ["quote", "-"],
        `ruleset: tencent-im\nperiod: "${month}"\nedition: pro\nusage: { dau: 1, groups: 1 }\n`,
      );
      expect([usage.code, usage.stderr.split("  ")[1]]).toEqual([1, "schema.pattern"]);
    },
  );
});

describe("help per command", () => {
  it.each(["quote", "explain", "compare", "recommend", "init", "validate", "check", "test", "diff", "docs"])(
    "ratecard %s --help prints its usage and an example, exit 0",
    async (name) => {
      const { code, stdout, stderr } = await cli([name, "--help"]);
      expect([code, stderr]).toEqual([0, ""]);
      expect(stdout).toMatch(new RegExp(`^Usage:\\n  ratecard ${name}\\b`));
      expect(stdout).toMatch(new RegExp(`\\nExample:\\n  ratecard ${name} `));
    },
  );

  it.each([
    [["valdate", "rules"], 'ratecard: unknown command "valdate" (did you mean "validate"?)\n'],
    [["hlep"], 'ratecard: unknown command "hlep" (did you mean "help"?)\n'],
    [
      ["zzzzzz"],
      'ratecard: unknown command "zzzzzz" (commands: quote, explain, compare, recommend, subscriptions, validate, check, test, dev, diff, docs, init, import, meter, bill)\n',
    ],
    [
      ["quote", "--frmat", "json", "x.yaml"],
      "ratecard: unknown option --frmat (did you mean --format?); see 'ratecard quote --help'\n",
    ],
    [["test", "--updat"], "ratecard: unknown option --updat (did you mean --update?); see 'ratecard test --help'\n"],
    [["help", "quot"], 'ratecard: unknown command "quot" (did you mean "quote"?)\n'],
  ])("suggests the nearest command or option for %j", async (args, first) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0] + "\n").toBe(first);
  });

  it("ratecard help COMMAND is ratecard COMMAND --help", async () => {
    const help = await cli(["help", "test"]);
    expect(help).toMatchObject({ code: 0, stdout: (await cli(["test", "--help"])).stdout });
    expect(help.stdout).toContain("ratecard test [--update] [RULES_DIR]");
    expect((await cli(["help", "quote", "test"])).code).toBe(2);
  });

  it("words an unknown option and a missing value, pointing at the command's help", async () => {
    expect(await cli(["quote", "--bogus", "x.yaml"])).toMatchObject({
      code: 2,
      stderr: "ratecard: unknown option --bogus; see 'ratecard quote --help'\n",
    });
    expect(await cli(["docs", "--out"])).toMatchObject({
      code: 2,
      stderr: "ratecard: option --out needs a value; see 'ratecard docs --help'\n",
    });
  });
});
