import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintRuleSet, LINT_RULES } from "../src/lint/index.js";
import { cli, RULES } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "minimal");
const scratch = mkdtempSync(join(tmpdir(), "ratecard-lint-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function mutated(name: string, edits: [file: string, find: string, replace: string][]): string {
  const dir = join(scratch, name, "minimal");
  cpSync(FIXTURE, dir, { recursive: true });
  for (const [file, find, replace] of edits) {
    const text = readFileSync(join(dir, file), "utf8");
    if (!text.includes(find)) throw new Error(`no "${find}" in ${file}`);
    writeFileSync(join(dir, file), text.replace(find, replace));
  }
  return dir;
}

const MODE = "modes/main.yaml";
const PRO = "  - id: pro\n    name: Pro\n    fee: 20\n    quotas:\n      calls: { included: 10000 }\ncharges:";

describe("lint rules", () => {
  it("the passing fixture and the bundled rule sets have no findings", HEAVY, () => {
    expect(lintRuleSet(FIXTURE)).toEqual([]);
    expect(lintRuleSet(join(RULES, "tencent-im"))).toEqual([]);
    expect(lintRuleSet(join(RULES, "example-saas"))).toEqual([]);
    expect(lintRuleSet(join(RULES, "infra-monitor"))).toEqual([]);
  });

  const cases: [string, [string, string, string][], number, string][] = [
    // rule id, edits, expected line, words in the message
    [
      "unused-meter",
      [[MODE, "editions:", "  - { id: storage, name: Storage, unit: GB, aggregate: latest }\neditions:"]],
      9,
      'meter "storage"',
    ],
    ["unused-addon", [[MODE, "    price: 5", "    editions: { basic: { offered: false } }"]], 31, "add-on support"],
    ["non-positive-price", [[MODE, "fee: 10", "fee: 0"]], 16, "write `fee: free`"],
    [
      "quota-above-limit",
      [[MODE, "calls: { included: 1000 }", "calls: { included: 1000, limit: 500 }"]],
      18,
      "capped at 500",
    ],
    [
      "commitment-above-limit",
      [
        [MODE, "    fee: 10\n", "    fee: 10\n    commitment: { quantity: 6000, meter: calls, unitPrice: 0.004 }\n"],
        [MODE, "calls: { included: 1000 }", "calls: { included: 1000, limit: 5000 }"],
      ],
      17,
      "plus commits to 6000 calls, but its hard limit on calls is 5000: 1000 committed units can never be used",
    ],
    [
      "percentile-of-one-value",
      [[MODE, "    aggregate: sum", "    aggregate: percentile\n    percentile: 95"]],
      8,
      "one month value (input: any)",
    ],
    [
      "allotment-per-optional-meter",
      [
        [MODE, "editions:", "  - { id: hosts, name: Hosts, unit: host, aggregate: max, required: false }\neditions:"],
        [MODE, "calls: { included: 1000 }", "calls: { included: { per: hosts, amount: 100 } }"],
      ],
      19,
      "plus includes calls per hosts, but hosts is not required (required: false): a document that leaves it out gets nothing included",
    ],
    [
      "unbuyable-option",
      [[MODE, "    price: 5", "    option: { id: hours, name: Hours }\n    options: { 8: 5, 24: not-offered }"]],
      36,
      "hours=24",
    ],
    [
      "constant-condition",
      [[MODE, "[{ var: edition }, [plus]]", "[{ var: edition }, [basic, plus]]"]],
      34,
      "holds for every edition",
    ],
    [
      "effective-dates",
      [[MODE, "name: Main", "name: Main\neffective: { from: 2025-01-01, until: 2024-01-01 }"]],
      4,
      "not after it starts",
    ],
    [
      "dominance",
      [
        [MODE, "charges:", PRO],
        [MODE, "editions: [plus]", "editions: [plus, pro]"],
      ],
      14,
      "from 2,001 calls on calls, plus (20.01) costs more than pro (20.00)",
    ],
  ];
  it.each(cases)("%s", (rule, edits, line, words) => {
    const findings = lintRuleSet(mutated(rule, edits));
    expect(findings.map((f) => f.rule)).toEqual([rule]);
    expect(findings[0]!.source!.line).toBe(line);
    expect(findings[0]!.message).toContain(words);
  });

  it.each([
    ['{ "<": [{ var: usage.calls }, 0] }', ["holds for no edition"]],
    ['{ ">=": [{ var: usage.calls }, 0] }', ["holds for every edition"]],
    ['{ ">=": [{ var: usage.calls }, 1000] }', []],
  ])("constant-condition tries usage values: %s", (condition, found) => {
    const findings = lintRuleSet(
      mutated(`usage-${found.length}-${condition.length}`, [
        [MODE, "when: { in: [{ var: edition }, [plus]] }", `when: ${condition}`],
      ]),
    );
    const messages = findings.filter((f) => f.rule === "constant-condition").map((f) => f.message);
    expect(messages.length).toBe(found.length);
    for (const [i, words] of found.entries()) expect(messages[i]).toContain(words);
  });

  it("every rule has a description, a default severity, messages and a fixture above", () => {
    for (const rule of LINT_RULES) {
      expect(rule.description.length).toBeGreaterThan(20);
      expect(["error", "warning"]).toContain(rule.defaultSeverity);
      expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
      expect(cases.map(([id]) => id)).toContain(rule.id);
    }
  });

  it("severities are configurable per rule set, and unknown rule ids are refused", () => {
    const dir = mutated("configured", [
      [MODE, "fee: 10", "fee: 0"],
      [
        "ruleset.yaml",
        "selection:",
        "lint:\n  non-positive-price: error\n  quota-above-limit: off\n  no-such-rule: warning\nselection:",
      ],
      [MODE, "calls: { included: 1000 }", "calls: { included: 1000, limit: 500 }"],
    ]);
    expect(lintRuleSet(dir).map((f) => [f.rule, f.severity])).toEqual([
      ["lint-config", "error"],
      ["non-positive-price", "error"],
    ]);
  });
});

describe("ratecard check", () => {
  it("prints file:line:col  severity  rule-id  message with a caret excerpt, exit 0 on warnings only", async () => {
    const dir = mutated("cli-warning", [[MODE, "fee: 10", "fee: 0"]]);
    const { code, stdout } = await cli(["check", dir]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `${join(dir, MODE)}:16:10  warning  non-positive-price  edition plus has a fee of 0; write \`fee: free\`\n   16 |     fee: 0\n      |          ^\n`,
    );
    expect(stdout).toContain("0 errors, 1 warning");
  });

  it("exits 1 on an error-level finding and prints JSON with --format json", async () => {
    const dir = mutated("cli-error", [[MODE, "meter: calls", "meter: requests"]]);
    const text = await cli(["check", dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('error  ref.unknown-meter  unknown meter "requests"');
    // validate prints the same id for the same problem.
    expect((await cli(["validate", dir])).stderr).toContain('  ref.unknown-meter  unknown meter "requests"');
    const json = await cli(["check", "--format", "json", dir]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)[0].findings[0]).toMatchObject({
      rule: "ref.unknown-meter",
      severity: "error",
      source: { line: 22 },
    });
  });
});
