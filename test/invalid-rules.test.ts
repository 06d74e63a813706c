import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadPlan } from "../src/rulesets/load-ruleset.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseUsage, quote, validateRuleSet } from "../src/index.js";
import { problemsOf, RULES } from "./helpers.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "minimal");
const scratch = mkdtempSync(join(tmpdir(), "ratecard-rules-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the minimal fixture with one text edit, in a folder named like its id. */
function mutated(name: string, file: string, find: string, replace: string): string {
  const dir = join(scratch, name, "minimal");
  cpSync(FIXTURE, dir, { recursive: true });
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(find)) throw new Error(`fixture ${file} has no "${find}"`);
  writeFileSync(path, text.replace(find, replace));
  return dir;
}

describe("the minimal fixture", () => {
  it("is valid", () => {
    expect(validateRuleSet(FIXTURE)).toEqual([]);
    expect(loadPlan(FIXTURE).modes.get("main")?.[0]?.editions.size).toBe(2);
  });
});

describe("invalid rule sets are refused with code, file and line", () => {
  const MODE = "modes/main.yaml";
  const ROOT = "ruleset.yaml";
  const cases: [string, string, string, string, string, string, number][] = [
    // name, file, find, replace, expected code, expected file, expected line
    ["YAML syntax error", MODE, "name: Plus", "name: [Plus", "yaml.syntax", MODE, 16],
    ["missing required property", MODE, "    fee: 10\n", "", "schema.required", MODE, 14],
    ["misspelt property", MODE, "    fee: 10", "    fees: 10", "schema.unknown-property", MODE, 16],
    ["wrong type", MODE, "included: 1000", "included: lots", "schema.invalid", MODE, 18],
    ["amount that is not a decimal", MODE, "fee: 10", "fee: 10 USD", "schema.invalid", MODE, 16],
    ["unknown aggregation", MODE, "aggregate: sum", "aggregate: mean", "schema.enum", MODE, 8],
    ["unknown pricing model", MODE, "model: graduated", "model: stairstep", "schema.enum", MODE, 25],
    ["impossible date", MODE, "name: Main", "name: Main\neffective: { from: 2020-13-01 }", "schema.format", MODE, 4],
    [
      "disallowed JSON Logic operator",
      MODE,
      "{ in: [{ var: edition }, [plus]] }",
      '{ regex: [{ var: edition }, "p.*"] }',
      "logic.operator",
      MODE,
      34,
    ],
    [
      "nested disallowed operator",
      ROOT,
      '{ ">=": [{ var: app.createdAt }, "2020-01-01"] }',
      '{ and: [{ method: [1, "x"] }] }',
      "logic.operator",
      ROOT,
      13,
    ],
    ["unknown meter in a charge", MODE, "meter: calls", "meter: requests", "ref.unknown-meter", MODE, 22],
    [
      "unknown meter in a quota",
      MODE,
      "calls: { included: 1000 }",
      "requests: { included: 1000 }",
      "ref.unknown-meter",
      MODE,
      18,
    ],
    ["unknown edition in a charge", MODE, "editions: [plus]", "editions: [pro]", "ref.unknown-edition", MODE, 23],
    [
      "unknown edition in a condition",
      MODE,
      "[{ var: edition }, [plus]]",
      "[{ var: edition }, [plus, gold]]",
      "ref.unknown-edition",
      MODE,
      34,
    ],
    [
      "unknown add-on in a condition",
      MODE,
      "{ in: [{ var: edition }, [plus]] }",
      "{ var: addons.sla }",
      "ref.unknown-addon",
      MODE,
      34,
    ],
    ["condition reading unknown data", ROOT, "var: app.createdAt", "var: user.createdAt", "logic.var", ROOT, 13],
    ["unknown mode in selection", ROOT, "default: main", "default: classic", "ref.unknown-mode", ROOT, 14],
    ["missing mode file", ROOT, "modes/main.yaml", "modes/other.yaml", "file.not-found", ROOT, 9],
    ["duplicate edition id", MODE, "id: plus", "id: basic", "id.duplicate", MODE, 14],
    ["two default editions", MODE, "    fee: 10\n", "    fee: 10\n    default: true\n", "default.count", MODE, 17],
    ["unsorted tiers", MODE, "upTo: 5000", "upTo: 500", "tiers.order", MODE, 28],
    ["overlapping tiers", MODE, "upTo: 5000", "upTo: 1000", "tiers.order", MODE, 28],
    [
      "bounded last tier",
      MODE,
      "{ unitPrice: 0.001 }",
      "{ upTo: 9000, unitPrice: 0.001 }",
      "tiers.unbounded",
      MODE,
      29,
    ],
    [
      "open tier before the last",
      MODE,
      "{ upTo: 1000, unitPrice: 0.01 }",
      "{ unitPrice: 0.01 }",
      "tiers.unbounded",
      MODE,
      27,
    ],
    [
      "block size of zero",
      MODE,
      "    price:\n      model: graduated",
      "    price: { model: block, blockSize: 0, blockPrice: 5 }\n    old-price:\n      model: graduated",
      "schema.invalid",
      MODE,
      24,
    ],
    ["add-on without a name", MODE, "price: 5", "price: 5\n  - { id: extra, price: 1 }", "schema.required", MODE, 37],
    ["id that does not match the folder", ROOT, "id: minimal", "id: other", "ruleset.id", ROOT, 2],
    ["option table without an option", MODE, "    price: 5", "    options: { gold: 5 }", "option.unknown", MODE, 36],
    [
      "edition that includes an add-on the buyer chooses an option of",
      MODE,
      "    price: 5",
      "    option: { id: tier, name: Tier }\n    editions:\n      basic: { options: { gold: 5 } }\n      plus: { included: true }",
      "option.included",
      MODE,
      39,
    ],
    [
      "edition that does not offer an add-on, with a price",
      MODE,
      "    price: 5",
      "    editions:\n      basic: { offered: false, price: 3 }\n      plus: { included: true }",
      "addon.conflict",
      MODE,
      37,
    ],
    [
      "edition that does not offer an add-on and includes it",
      MODE,
      "    price: 5",
      "    editions:\n      basic: { price: 3 }\n      plus: { offered: false, included: true }",
      "addon.conflict",
      MODE,
      38,
    ],
    [
      "edition that includes an add-on, with a price",
      MODE,
      "    price: 5",
      "    editions:\n      basic: { price: 3 }\n      plus: { included: true, price: 4 }",
      "addon.conflict",
      MODE,
      38,
    ],
  ];
  it.each(cases)("%s", (name, file, find, replace, code, expectedFile, line) => {
    const dir = mutated(name.replace(/\W+/g, "-"), file, find, replace);
    const problems = problemsOf(() => loadPlan(dir));
    const problem = problems.find((p) => p.code === code);
    expect(problem, JSON.stringify(problems, null, 1)).toBeDefined();
    expect(problem!.source).toMatchObject({ file: join(dir, expectedFile), line });
  });

  it("reports the problems of every file together", () => {
    const dir = mutated("two-files", MODE, "aggregate: sum", "aggregate: mean");
    writeFileSync(join(dir, ROOT), readFileSync(join(dir, ROOT), "utf8").replace("scale: 2", "scale: two"));
    const problems = validateRuleSet(dir);
    // The root file is invalid, so its mode files are not read: one problem at a time per file chain.
    expect(problems.map((p) => p.code)).toEqual(["schema.type"]);
  });

  it("reports several semantic problems at once", () => {
    const dir = mutated("many", MODE, "meter: calls", "meter: requests");
    writeFileSync(
      join(dir, MODE),
      readFileSync(join(dir, MODE), "utf8")
        .replace("editions: [plus]", "editions: [pro]")
        .replace("upTo: 5000", "upTo: 500"),
    );
    expect(
      validateRuleSet(dir)
        .map((p) => p.code)
        .sort(),
    ).toEqual(["ref.unknown-edition", "ref.unknown-meter", "tiers.order"]);
  });
});

describe("migrations that lead back", () => {
  /** A copy of the bundled Tencent IM rule set whose root file gains `extra` migrations (at the end of its list), and the line of the last. */
  function withMigrations(name: string, extra: string): { dir: string; line: number } {
    const dir = join(scratch, name, "tencent-im");
    cpSync(join(RULES, "tencent-im"), dir, { recursive: true });
    const root = join(dir, "ruleset.yaml");
    const lines = readFileSync(root, "utf8").trimEnd().split("\n");
    const start = lines.findIndex((line) => line.startsWith("migrations:"));
    let end = start + 1;
    while (end < lines.length && lines[end]!.startsWith("  ")) end++;
    const added = extra.trimEnd().split("\n");
    lines.splice(end, 0, ...added);
    writeFileSync(root, `${lines.join("\n")}\n`);
    return { dir, line: end + added.length };
  }

  it.each([
    [
      "back to the mode left",
      "  - { from: current, to: original, fact: app.returnedAt, reversible: false }\n",
      "migrations go round in a cycle: original → current → original",
    ],
    [
      "round a mode of another id",
      "  - { from: current, to: later, fact: app.b, reversible: true }\n  - { from: later, to: original, fact: app.c, reversible: true }\n",
      "migrations go round in a cycle: original → current → later → original",
    ],
  ])("are refused: %s, with the modes round the cycle, at the migration that closes it", (name, extra, cycle) => {
    const { dir, line } = withMigrations(name.replace(/\W+/g, "-"), extra);
    const problems = validateRuleSet(dir).filter((p) => p.code === "migration.cycle");
    expect(problems.map((p) => [p.message, p.path, p.source?.line])).toEqual([
      [
        `${cycle}; a migration cannot lead back to a mode the app left`,
        ["migrations", extra.split("\n").length - 1],
        line,
      ],
    ]);
  });

  it("a one-way chain that does not come back is valid", () => {
    expect(
      validateRuleSet(
        withMigrations("chain", "  - { from: original, to: current, fact: app.again, reversible: false }\n").dir,
      ),
    ).toEqual([]);
  });
});

describe("one message per mistake, saying how to write it", () => {
  const MODE = "modes/main.yaml";
  const PRICE =
    "    price:\n      model: graduated\n      tiers:\n        - { upTo: 1000, unitPrice: 0.01 }\n        - { upTo: 5000, unitPrice: 0.005 }\n        - { unitPrice: 0.001 }\n";
  it.each([
    [
      "a charge with neither price nor prices",
      PRICE,
      "",
      "schema.required",
      'charges[0] needs one of "price" or "prices"',
    ],
    [
      "a decimal comma",
      "    fee: 10",
      "    fee: 10,00",
      "schema.invalid",
      'editions[1].fee is "10,00"; write decimals with a dot: 10.00',
    ],
    [
      "a quoted thousands separator",
      "    price: 5",
      '    price: "1,500"',
      "schema.invalid",
      'addons[0].price is "1,500"; write numbers without thousands separators and decimals with a dot: 1500, or 1.500 if the comma is a decimal point',
    ],
    [
      "a discount on one cell of a charge: only the branch its keys name speaks",
      "    price: 5\n",
      "    price: 5\ndiscounts:\n  - { id: d, name: D, amount: 1, on: { charge: calls.hot } }\n",
      "schema.pattern",
      'discounts[0].on.charge is "calls.hot"; expected an identifier: lower-case letters, digits and dashes, starting with a letter or digit, at most 64 characters',
    ],
    [
      "a discount on an add-on id that is no id",
      "    price: 5\n",
      "    price: 5\ndiscounts:\n  - { id: d, name: D, amount: 1, on: { addon: Support } }\n",
      "schema.pattern",
      'discounts[0].on.addon is "Support"; expected an identifier: lower-case letters, digits and dashes, starting with a letter or digit, at most 64 characters',
    ],
    [
      "a charge with both price and prices",
      "    price:\n      model: graduated",
      "    prices: [{ price: { model: per-unit, unitPrice: 1 } }]\n    price:\n      model: graduated",
      "schema.invalid",
      'charges[0] has "price" and "prices"; give one or the other',
    ],
    [
      "a fee with more decimals than an amount keeps (it said: write numbers without thousands separators)",
      "    fee: 10",
      "    fee: 10.1234567890123",
      "schema.invalid",
      'editions[1].fee is "10.1234567890123"; it has 13 digits after the point; amounts keep at most 12: round it',
    ],
    [
      "a price with more decimals than an amount keeps, quoted",
      "    price: 5",
      '    price: "0.0000000000001"',
      "schema.invalid",
      'addons[0].price is "0.0000000000001"; it has 13 digits after the point; amounts keep at most 12: round it',
    ],
    [
      "a misspelt meter: the id it is likely to mean",
      "    meter: calls",
      "    meter: cals",
      "ref.unknown-meter",
      'unknown meter "cals"; did you mean "calls"? known: calls',
    ],
    [
      "an unknown id far from every known one: no guess",
      "    meter: calls",
      "    meter: storage",
      "ref.unknown-meter",
      'unknown meter "storage"; known: calls',
    ],
    [
      "a misspelt edition in a condition",
      "[{ var: edition }, [plus]]",
      "[{ var: edition }, [pluss]]",
      "ref.unknown-edition",
      'condition compares the edition with "pluss", which mode main does not define; did you mean "plus"? known: basic, plus',
    ],
  ])("%s", (name, find, replace, code, message) => {
    const problems = validateRuleSet(mutated(`one-${name}`, MODE, find, replace));
    expect(problems.map((p) => [p.code, p.message])).toEqual([[code, message]]);
  });

  it("a block shared by a YAML alias is reported for each edition using it: at the anchor, then at the alias", () => {
    const dir = mutated(
      "alias",
      MODE,
      "    default: true\n",
      "    default: true\n    quotas: &shared\n      calls: { included: -1 }\n",
    );
    const path = join(dir, MODE);
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace("quotas:\n      calls: { included: 1000 }", "quotas: *shared"),
    );
    const lines = readFileSync(path, "utf8").split("\n");
    const problems = validateRuleSet(dir);
    expect(problems.map((p) => [p.code, p.path.join("."), lines[p.source!.line - 1]!.trim()])).toEqual([
      ["schema.invalid", "editions.0.quotas.calls.included", "calls: { included: -1 }"],
      ["schema.invalid", "editions.1.quotas.calls.included", "quotas: *shared"],
    ]);
  });

  it("an unknown id among thousands lists a dozen, the count, and the near one", () => {
    const meters = Array.from({ length: 2000 }, (_, i) => `  - { id: m${i}, name: M${i}, unit: unit, aggregate: sum }`);
    const dir = mutated("thousands", MODE, "meters:\n", `meters:\n${meters.join("\n")}\n`);
    const text = readFileSync(join(dir, MODE), "utf8").replace("    meter: calls", "    meter: calss");
    writeFileSync(join(dir, MODE), text);
    const problems = validateRuleSet(dir).filter((p) => p.code === "ref.unknown-meter");
    expect(problems.map((p) => p.message)).toEqual([
      'unknown meter "calss"; did you mean "calls"? known: m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, … (2,001 in all)',
    ]);
  });

  it("a list past its length is one problem, not also 'expected a number'", () => {
    const text = `ruleset: example-saas\nperiod: 2026-10\nedition: business\nusage: { emails: [${Array.from({ length: 745 }, (_, i) => i).join(", ")}], seats: 1, storage: [] }\n`;
    const problems = problemsOf(() =>
      quote(loadPlan(join(import.meta.dirname, "..", "rules", "example-saas")), parseUsage(text, "u.yaml")),
    );
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ["schema.size", "usage.emails has 745 items; at most 744 are allowed"],
      ["schema.size", "usage.storage has 0 items; at least 1 is needed"],
    ]);
  });
});

describe("a number written with commas or spaces gets advice that keeps its value", () => {
  const TIER = "        - { unitPrice: 0.001 }\n";
  const SAYS = 'charges[0].price.tiers[2].unitPrice is "';
  it.each([
    // written, advice
    ["0,004", "write decimals with a dot: 0.004"],
    ["0,0125", "write decimals with a dot: 0.0125"],
    ["-0,004", "write decimals with a dot: -0.004"],
    ["12,50", "write decimals with a dot: 12.50"],
    ["1234,5", "write decimals with a dot: 1234.5"],
    ["1,2345", "write decimals with a dot: 1.2345"],
    [
      "1,234",
      "write numbers without thousands separators and decimals with a dot: 1234, or 1.234 if the comma is a decimal point",
    ],
    [
      "-1,500",
      "write numbers without thousands separators and decimals with a dot: -1500, or -1.500 if the comma is a decimal point",
    ],
    ["1,234,567", "write numbers without thousands separators: 1234567"],
    ["1,234.5", "write numbers without thousands separators: 1234.5"],
    ["1.234,5", "write decimals with a dot and no thousands separators: 1234.5"],
    ["1.234.567,89", "write decimals with a dot and no thousands separators: 1234567.89"],
    ["1 234", "write numbers without spaces: 1234"],
    ["1 234,5", "write decimals with a dot and no thousands separators: 1234.5"],
    [" 0,004 ", "write decimals with a dot: 0.004"],
  ])("%j", (written, advice) => {
    const dir = mutated(`hint-${written.trim()}`, "modes/main.yaml", TIER, `        - { unitPrice: "${written}" }\n`);
    const messages = validateRuleSet(dir).map((p) => p.message);
    expect(messages).toEqual([`${SAYS}${written}"; ${advice}`]);
  });

  it.each([["12,5,6"], ["1,23,456"], ["0,004.5"], ["1,2.3"]])("%j gets no advice", (written) => {
    const dir = mutated(`no-hint-${written}`, "modes/main.yaml", TIER, `        - { unitPrice: "${written}" }\n`);
    const messages = validateRuleSet(dir).map((p) => p.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).not.toContain("write");
  });
});

describe("versions of a mode are ordered by their dates, not by where the rule set lists them", () => {
  const LISTED = "  - modes/original-2021.yaml\n  - modes/original.yaml\n";
  const cases: [string, string, string[]][] = [
    // name, the old version's `until`, expected problems
    ["listed newest first, one ending as the next starts", "until: 2021-08-06", []],
    [
      "listed newest first, one ending after the next starts",
      "until: 2021-09-01",
      [
        "version.overlap: this version of mode original starts on 2021-08-06, but the version in modes/original-2021.yaml is still in force until 2021-09-01; set its `until` to 2021-08-06",
      ],
    ],
  ];
  it.each(cases)("%s", (name, until, expected) => {
    const dir = join(scratch, name.replace(/\W+/g, "-"), "tencent-im");
    cpSync(join(RULES, "tencent-im"), dir, { recursive: true });
    const root = readFileSync(join(dir, "ruleset.yaml"), "utf8");
    if (!root.includes(LISTED)) throw new Error("tencent-im no longer lists its two original versions in order");
    writeFileSync(
      join(dir, "ruleset.yaml"),
      root.replace(LISTED, "  - modes/original.yaml\n  - modes/original-2021.yaml\n"),
    );
    const old = join(dir, "modes", "original-2021.yaml");
    writeFileSync(old, readFileSync(old, "utf8").replace("until: 2021-08-06", until));
    expect(validateRuleSet(dir).map((p) => `${p.code}: ${p.message.replace(`${dir}/`, "")}`)).toEqual(expected);
  });
});
