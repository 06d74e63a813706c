import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { formatProblem, parseUsage, quote, RatecardError, ruleSetDirFor } from "../src/index.js";
import { LIMITS } from "../src/guard/limits.js";
import { cli, problemsOf, ROOT, RULES, saas } from "./helpers.js";
import { inlineQuote, inlineRuleSet } from "./inline-rules.js";

/**
 * README's "Limits and guarantees", claim by claim: each bold claim there is a describe block here
 * (the last test checks the two lists agree), with the checks that make it true. The heavy and
 * exhaustive versions live in the files each claim names.
 */
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const section = README.slice(README.indexOf("## Limits and guarantees"), README.indexOf("## Writing a rule set"));
const claims = [...section.matchAll(/^- \*\*([^*]+)\.\*\*/gm)].map((m) => m[1]!);
/** Each claim's checks, by the claim's name in README. */
const CLAIMS: Record<string, () => void> = {};
const claim = (name: string, body: () => void) => void (CLAIMS[name] = body);

const saasDoc = (usage: Record<string, unknown>) => ({
  ruleset: "example-saas",
  period: "2026-10",
  edition: "business",
  usage: { emails: 5, seats: 1, storage: 1, ...usage },
});

claim("Exact or refused", () => {
  it("accepts 24 digits before the point and 12 after, and prices them exactly", () => {
    const rules = inlineRuleSet({
      meters: [{ id: "units", name: "Units", unit: "unit", aggregate: "sum", integer: false }],
      editions: [{ id: "plan", name: "Plan", fee: "none", default: true }],
      charges: [
        { id: "units", name: "Units", meter: "units", price: { model: "per-unit", unitPrice: "0.000000000001" } },
      ],
    });
    const q = inlineQuote(rules, { usage: { units: "999999999999999999999999.999999999999" } });
    // 10^24 − 10^-12 units × 10^-12 = 10^12 − 10^-24, rounded half-up to the cent.
    expect(q.total).toBe("1000000000000.00");
  });

  it.each([
    ["1e9000000000000000"],
    ["1" + "0".repeat(LIMITS.integerDigits)],
    ["0." + "0".repeat(LIMITS.fractionDigits) + "1"],
  ])("refuses %s before any arithmetic", (value) => {
    const started = performance.now();
    expect(problemsOf(() => quote(saas, saasDoc({ emails: value })))[0]!.code).toBe("usage.value");
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

claim("Files", () => {
  it.each([["/dev/zero"], ["/proc"]])("refuses %s before reading a byte", async (path) => {
    const { code, stderr } = await cli(["quote", path]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/file\.not-regular/);
  });

  it("refuses YAML tags beyond the core schema, with their position", () => {
    const [problem] = problemsOf(() => parseUsage("ruleset: example-saas\nperiod: !!timestamp 2026-10-01\n", "u.yaml"));
    expect(problem).toMatchObject({ code: "yaml.tag", source: { line: 2 } });
  });
});

claim("Events", () => {
  it("meters in UTC whatever the machine's time zone: the SQL sets the session's", async () => {
    const events = join(mkdtempSync(join(tmpdir(), "ratecard-guarantee-")), "e.ndjson");
    writeFileSync(events, "");
    const { code, stdout } = await cli([
      "meter",
      "--sql",
      "--events",
      events,
      "--period",
      "2026-10",
      "--ruleset",
      "example-api",
      "--rules",
      RULES,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/SET TimeZone\s*=\s*'UTC'/);
  });
});

claim("Data", () => {
  it("refuses data that is not plain (a Map, a Date, NaN)", () => {
    for (const value of [new Map(), new Date(0), Number.NaN]) {
      const problems = problemsOf(() => quote(saas, saasDoc({ emails: value })));
      expect(problems[0]!.code).toMatch(/^(input\.type|usage\.value|schema\.invalid)$/);
    }
  });

  it("reads ids such as constructor as ordinary ids: an unknown rule set, not a prototype", () => {
    const problems = problemsOf(() =>
      ruleSetDirFor(RULES, parseUsage("ruleset: constructor\nperiod: 2026-10\nusage: {}\n", "u.yaml")),
    );
    expect(problems[0]).toMatchObject({ code: "usage.ruleset" });
  });
});

claim("Bills", () => {
  it("the total is the sum of the lines, and discounts never take it below zero", () => {
    const rules = inlineRuleSet({
      meters: [{ id: "requests", name: "Requests", unit: "request", aggregate: "sum" }],
      editions: [{ id: "plus", name: "Plus", fee: 100, default: true }],
      charges: [{ id: "requests", name: "Requests", meter: "requests", price: { model: "per-unit", unitPrice: 1 } }],
      discounts: [
        { id: "a", name: "A", percent: 60, on: { charge: "requests" } },
        { id: "b", name: "B", percent: 60, on: { charge: "requests" } },
        { id: "c", name: "C", amount: 100000, on: "total" },
      ],
    });
    const q = inlineQuote(rules, { usage: { requests: 8200 } });
    const sum = q.lines.reduce((total, line) => total + Math.round(Number(line.amount) * 100), 0);
    expect(sum).toBe(Math.round(Number(q.total) * 100));
    expect(q.total).toBe("0.00");
  });
});

claim("Errors", () => {
  it.each([[null], [{}], [42]])("formatProblem(%j) throws a RatecardError with api.argument", (value) => {
    expect(() => formatProblem(value as never)).toThrow(RatecardError);
    expect(problemsOf(() => formatProblem(value as never))[0]!.code).toBe("api.argument");
  });

  it("cuts long values in messages", () => {
    const [problem] = problemsOf(() => quote(saas, saasDoc({ ["k".repeat(90_000)]: 1 })));
    expect(problem!.message.length).toBeLessThan(600);
    expect(problem!.message).toContain("… (90,002 characters)"); // the key as JSON: 90,000 and its quotes
  });
});

claim("Checked", () => {
  it("the corpus holds hostile usage documents and rule sets, each with a code", () => {
    const count = (file: string) => {
      const corpus = parse(readFileSync(join(import.meta.dirname, "corpus", file), "utf8")) as {
        cases: unknown[];
        groups: { templates?: string[]; values: unknown[] }[];
      };
      return corpus.cases.length + corpus.groups.reduce((n, g) => n + (g.templates?.length ?? 1) * g.values.length, 0);
    };
    expect(count("usage.yaml") + count("rules.yaml")).toBeGreaterThanOrEqual(340);
  });
});

describe.each(Object.keys(CLAIMS))("%s", (name) => {
  CLAIMS[name]!();
});

it("every claim README makes under Limits and guarantees is a describe block here, and no other", () => {
  expect(claims.length).toBeGreaterThan(5);
  expect(Object.keys(CLAIMS)).toEqual(claims);
});
