import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { generateDocs } from "../src/docs/generate-docs.js";
import { writeImportedRuleSet } from "../src/import/pricing2yaml/write-ruleset.js";
import { lintRuleSet } from "../src/lint/index.js";
import {
  importPricing2Yaml,
  loadRuleSet,
  quote,
  RatecardError,
  validateRuleSet,
  type ImportedRuleSet,
} from "../src/index.js";
import { cli, ROOT, valueOrRefusal } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

const FIXTURES = join(ROOT, "test", "fixtures", "pricing2yaml");
const scratch = mkdtempSync(join(tmpdir(), "ratecard-p2y-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Doc = Record<string, unknown>;
let folders = 0;

/** Imports `text` into a new folder under the scratch folder and writes the rule set there. */
function importInto(text: string, file = "pricing.yml"): { imported: ImportedRuleSet; dir: string; out: string } {
  const out = join(scratch, `out-${folders++}`);
  const imported = importPricing2Yaml(text, { file, outDir: out });
  writeImportedRuleSet(out, imported);
  return { imported, dir: join(out, imported.id), out };
}

function modeDocs(imported: ImportedRuleSet): Doc[] {
  return Object.entries(imported.files)
    .filter(([file]) => file.startsWith("modes/"))
    .map(([, text]) => parse(text) as Doc);
}

function sourceNames(section: unknown): string[] {
  if (Array.isArray(section)) return section.map((item) => (item as Doc).name as string);
  return Object.keys((section as Doc | null) ?? {});
}

const FIXTURE_TABLE = [
  { file: "petclinic-2024.yml", id: "pet-clinic", modes: 1, plans: 3, addons: 3 },
  { file: "zoom-2024.yml", id: "zoom", modes: 1, plans: 3, addons: 3 },
  { file: "clockify-2019.yml", id: "clockify", modes: 2, plans: 4, addons: 0 },
  { file: "trello-2021.yml", id: "trello", modes: 2, plans: 4, addons: 1 },
];

describe("real Pricing2Yaml pricings import into rule sets that validate, check clean and render", () => {
  it.each(FIXTURE_TABLE)("$file", HEAVY, ({ file, id, modes, plans, addons }) => {
    const text = readFileSync(join(FIXTURES, file), "utf8");
    const { imported, dir, out } = importInto(text, file);
    expect(imported.id).toBe(id);
    expect(Object.keys(imported.files).filter((f) => f.startsWith("modes/"))).toHaveLength(modes);
    expect(validateRuleSet(dir)).toEqual([]);
    expect(lintRuleSet(dir).map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    for (const mode of modeDocs(imported)) {
      expect((mode.editions as Doc[]).length).toBe(plans);
      expect(((mode.addons as Doc[] | undefined) ?? []).length).toBe(addons);
    }
    for (const [name, content] of Object.entries(imported.files))
      expect(content.split("\n")[0], name).toMatch(/^# yaml-language-server: \$schema=\S+\.schema\.json$/);
    const site = join(out, "site");
    generateDocs(out, site, { month: "2026-10" });
    const page = readFileSync(join(site, id, "index.html"), "utf8");
    for (const plan of sourceNames((parse(text) as Doc).plans)) expect(page).toContain(`>${plan}<`);
  });
});

describe("round trip", () => {
  it.each(FIXTURE_TABLE)("$file: importing twice gives the same bytes", ({ file }) => {
    const text = readFileSync(join(FIXTURES, file), "utf8");
    const first = importPricing2Yaml(text, { file, outDir: "rules" });
    const second = importPricing2Yaml(text, { file, outDir: "rules" });
    expect(second.files).toEqual(first.files);
    expect(second.problems).toEqual(first.problems);
  });

  it.each(FIXTURE_TABLE)(
    "$file: every plan and add-on appears, under its own name, in every billing mode",
    ({ file }) => {
      const text = readFileSync(join(FIXTURES, file), "utf8");
      const source = parse(text) as Doc;
      const imported = importPricing2Yaml(text, { file });
      for (const mode of modeDocs(imported)) {
        expect((mode.editions as Doc[]).map((e) => e.name)).toEqual(sourceNames(source.plans));
        expect(((mode.addons as Doc[] | undefined) ?? []).map((a) => a.name)).toEqual(sourceNames(source.addOns));
      }
    },
  );

  it.each(FIXTURE_TABLE)("$file: every problem names a path and a line of the source", ({ file }) => {
    const imported = importPricing2Yaml(readFileSync(join(FIXTURES, file), "utf8"), { file });
    expect(imported.problems.length).toBeGreaterThan(0);
    for (const problem of imported.problems) {
      expect(problem.path.length, problem.message).toBeGreaterThan(0);
      expect(problem.source?.file).toBe(file);
      expect(problem.message).toContain(problem.path.join("."));
    }
  });
});

describe("what the imported rule sets say", () => {
  const load = (file: string) => {
    const { dir } = importInto(readFileSync(join(FIXTURES, file), "utf8"), file);
    return loadRuleSet(dir);
  };

  it("per-user prices are fees per seat; add-ons follow availableFor and dependsOn", () => {
    const ruleSet = load("petclinic-2024.yml");
    const base = {
      ruleset: "pet-clinic",
      period: "2026-10",
      edition: "platinum",
      usage: { seats: 3, "max-visits-per-month-and-pet": 2 },
    };
    expect(quote(ruleSet, base).total).toBe("30.00");
    const withDashboard = quote(ruleSet, { ...base, addons: { "have-pets-dashboard": { quantity: 3 } } });
    expect(withDashboard.total).toBe("47.85");
    const refused = (doc: object) => {
      try {
        quote(ruleSet, doc as never);
      } catch (error) {
        return (error as RatecardError).problems.map((p) => `${p.code}: ${p.message}`);
      }
      return [];
    };
    expect(refused({ ...base, edition: "gold", addons: { "have-pets-dashboard": { quantity: 1 } } })).toEqual([
      expect.stringMatching(/^usage\.addon-not-eligible: .*: havePetsDashboard is available with PLATINUM\.$/),
    ]);
    expect(refused({ ...base, addons: { "smart-clinic-reports": { quantity: 1 } } })).toEqual([
      expect.stringMatching(/^usage\.addon-not-eligible: .*: smartClinicReports needs havePetsDashboard\.$/),
    ]);
  });

  it("a billing factor gives an annual mode: the year's fee in advance at the discounted price", () => {
    const ruleSet = load("trello-2021.yml");
    const q = quote(ruleSet, {
      ruleset: "trello",
      mode: "annual",
      period: "2026-01",
      edition: "standard",
      app: { createdAt: "2026-01-10" },
      usage: { seats: 2, "commands-run-limit": 10 },
    });
    // 5 a user a month × 0.7792 × 12 months × 2 users
    expect(q.total).toBe("93.50");
  });

  it("syntax 1.x annualPrice is the monthly price when billed annually", () => {
    const ruleSet = load("clockify-2019.yml");
    const q = quote(ruleSet, {
      ruleset: "clockify",
      mode: "annual",
      period: "2026-01",
      edition: "plus",
      app: { createdAt: "2026-01-10" },
      usage: { seats: 1 },
    });
    expect(q.total).toBe("99.96");
  });
});

const BASE = `saasName: Sample
syntaxVersion: "3.0"
currency: USD
features:
  sso: { valueType: BOOLEAN, defaultValue: false }
usageLimits:
  projects: { valueType: NUMERIC, defaultValue: 3, unit: project, type: NON_RENEWABLE }
plans:
  FREE: { price: 0, unit: user/month }
  TEAM: { price: 9.5, unit: user/month, usageLimits: { projects: { value: 10 } } }
`;
function aliasBomb(): string {
  let text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]\n`;
  return text;
}
const withAddons = (addons: string) => `${BASE}addOns:\n${addons}`;

describe("hostile and malformed pricings give coded problems with paths, never a crash", () => {
  const rows: { name: string; text: string; code: string; path: string }[] = [
    { name: "an empty file", text: "", code: "import.invalid", path: "" },
    { name: "a list", text: "- a\n- b\n", code: "import.invalid", path: "" },
    { name: "broken YAML", text: "saasName: [\n", code: "yaml.syntax", path: "" },
    { name: "no plans and no add-ons", text: "saasName: X\ncurrency: USD\n", code: "import.invalid", path: "plans" },
    { name: "plans given as a number", text: "saasName: X\nplans: 5\n", code: "import.invalid", path: "plans" },
    {
      name: "a plan list entry without a name",
      text: "saasName: X\nplans:\n  - price: 3\n  - name: A\n    price: 1\n",
      code: "import.invalid",
      path: "plans.0",
    },
    {
      name: "a negative price",
      text: BASE.replace("price: 9.5", "price: -5"),
      code: "import.invalid",
      path: "plans.TEAM.price",
    },
    {
      name: "a price expression",
      text: BASE.replace("price: 9.5", 'price: "#x*2"'),
      code: "import.unmapped",
      path: "plans.TEAM.price",
    },
    {
      name: "a currency that is not a code",
      text: BASE.replace("currency: USD", "currency: dollars"),
      code: "import.invalid",
      path: "currency",
    },
    {
      name: "a billing factor above 1",
      text: `${BASE}billing: { monthly: 1, annual: 1.5 }\n`,
      code: "import.invalid",
      path: "billing.annual",
    },
    {
      name: "a billing period of unknown length",
      text: `${BASE}billing: { monthly: 1, fortnightly: 0.9 }\n`,
      code: "import.unmapped",
      path: "billing.fortnightly",
    },
    {
      name: "a limit that is not a whole number",
      text: BASE.replace("value: 10", "value: 2.5"),
      code: "import.unmapped",
      path: "plans.TEAM.usageLimits.projects.value",
    },
    {
      name: "a yes/no feature given a number",
      text: BASE.replace(
        "sso: { valueType: BOOLEAN, defaultValue: false }",
        "sso: { valueType: BOOLEAN, defaultValue: 7 }",
      ),
      code: "import.invalid",
      path: "features.sso.defaultValue",
    },
    {
      name: "a text feature",
      text: BASE.replace(
        "sso: { valueType: BOOLEAN, defaultValue: false }",
        "sso: { valueType: TEXT, defaultValue: LOW }",
      ),
      code: "import.unmapped",
      path: "features.sso.valueType",
    },
    {
      name: "a daily renewable limit",
      text: BASE.replace("type: NON_RENEWABLE", "type: RENEWABLE, period: { value: 1, unit: DAY }"),
      code: "import.unmapped",
      path: "usageLimits.projects.period",
    },
    {
      name: "a plan setting an undeclared feature",
      text: BASE.replace(
        "unit: user/month }\n  TEAM",
        "unit: user/month, features: { ghost: { value: true } } }\n  TEAM",
      ),
      code: "import.reference",
      path: "plans.FREE.features.ghost",
    },
    {
      name: "an add-on for a plan that does not exist",
      text: withAddons("  X: { price: 1, unit: /month, availableFor: [NOPE] }\n"),
      code: "import.reference",
      path: "addOns.X.availableFor.0",
    },
    {
      name: "an add-on depending on itself",
      text: withAddons("  X: { price: 1, unit: /month, dependsOn: [X] }\n"),
      code: "import.reference",
      path: "addOns.X.dependsOn.0",
    },
    {
      name: "a pack add-on with a quantity step",
      text: withAddons(
        "  X: { price: 1, unit: /month, usageLimitsExtensions: { projects: { value: 5 } }, subscriptionConstraints: { minQuantity: 1, maxQuantity: 10, quantityStep: 2 } }\n",
      ),
      code: "import.unmapped",
      path: "addOns.X.subscriptionConstraints.quantityStep",
    },
    {
      name: "availableFor that is not a list",
      text: withAddons("  X: { price: 1, unit: /month, availableFor: TEAM }\n"),
      code: "import.invalid",
      path: "addOns.X.availableFor",
    },
    { name: "a field outside the format", text: `${BASE}surprise: 1\n`, code: "import.unmapped", path: "surprise" },
    {
      name: "a price per team",
      text: BASE.replace("price: 9.5, unit: user/month", "price: 9.5, unit: team/month"),
      code: "import.unmapped",
      path: "plans.TEAM.unit",
    },
    { name: "an alias bomb (10^10 values)", text: aliasBomb(), code: "yaml.alias", path: "" },
    { name: "5 MB of text", text: `saasName: ${"x".repeat(5 * 1024 * 1024)}\n`, code: "file.too-large", path: "" },
  ];

  it.each(rows)("$name → $code at $path", ({ text, code, path }) => {
    const outcome = valueOrRefusal(() => importInto(text));
    const problems = outcome instanceof RatecardError ? outcome.problems : outcome.imported.problems;
    // Whatever imports, however malformed its source, validates.
    expect(outcome instanceof RatecardError ? [] : validateRuleSet(outcome.dir)).toEqual([]);
    expect(problems.map((p) => `${p.code} ${p.path.join(".")}`)).toContain(`${code} ${path}`);
  });

  it("words for a price are an edition with no public price, stated on the page and in a quote", () => {
    const { dir, imported } = importInto(BASE.replace("price: 9.5", "price: Contact sales"));
    const team = (modeDocs(imported)[0]!.editions as Doc[]).find((e) => e.id === "team")!;
    expect(team).toMatchObject({ fee: "none", feeOnRequest: "Contact sales" });
    const q = quote(loadRuleSet(dir), { ruleset: "sample", period: "2026-10", edition: "team", usage: { seats: 2 } });
    expect(q.total).toBe("0.00");
    expect(q.warnings.map((w) => w.code)).toEqual(["fee.on-request"]);
  });

  it("excludes becomes an eligibility rule against the other add-on", () => {
    const { imported, dir } = importInto(
      withAddons("  A: { price: 1, unit: /month, excludes: [B] }\n  B: { price: 2, unit: /month }\n"),
    );
    expect(((modeDocs(imported)[0]!.addons as Doc[])[0]!.eligible as Doc[])[0]).toEqual({
      when: { "!": { var: "addons.b" } },
      message: "A cannot be bought with B.",
    });
    const doc = {
      ruleset: "sample",
      period: "2026-10",
      edition: "free",
      usage: { seats: 1 },
      addons: { a: true, b: true },
    };
    expect(() => quote(loadRuleSet(dir), doc)).toThrow(/A cannot be bought with B/);
  });

  it("names that clash once made ids get distinct ids, and keep their names", () => {
    const { imported } = importInto(`${BASE}  Team: { price: 12, unit: user/month }\n`);
    expect((modeDocs(imported)[0]!.editions as Doc[]).map((e) => `${e.id as string}=${e.name as string}`)).toEqual([
      "free=FREE",
      "team=TEAM",
      "team-2=Team",
    ]);
  });
});

describe("ratecard import", () => {
  it("writes the rule set, lists what did not map with file:line:col, and refuses a folder that is not empty", async () => {
    const out = join(scratch, "cli");
    const file = join(FIXTURES, "zoom-2024.yml");
    const first = await cli(["import", "pricing2yaml", file, "--out", out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`wrote ${join(out, "zoom", "ruleset.yaml")}`);
    expect(first.stderr).toMatch(
      /zoom-2024\.yml:\d+:\d+ {2}import\.unmapped {2}features\.meetings\.type is not imported/,
    );
    expect((await cli(["check", join(out, "zoom")])).code).toBe(0);
    const again = await cli(["import", "pricing2yaml", file, "--out", out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("file.exists");
  });

  it.each([
    [["import"], "import takes a format (pricing2yaml), a FILE and --out DIR"],
    [["import", "pricing2yam", "x.yml", "--out", "o"], 'did you mean "pricing2yaml"?'],
    [["import", "pricing2yaml", "x.yml"], "import pricing2yaml takes one FILE and --out DIR"],
    [["import", "pricing2yaml", "x.yml", "--ot", "o"], "did you mean --out?"],
    [["imprt"], 'did you mean "import"?'],
  ])("%j is a usage error", async (args, words) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(words);
  });

  it("help import shows the command and an example", async () => {
    const run = await cli(["help", "import"]);
    expect(run.stdout).toContain("ratecard import pricing2yaml FILE --out DIR");
    expect(run.stdout).toContain("ratecard import pricing2yaml pricing.yml --out rules");
  });

  it("a file that cannot be read is a coded problem", async () => {
    const run = await cli(["import", "pricing2yaml", join(scratch, "missing.yml"), "--out", scratch]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("file.not-found");
  });
});
