import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateAuthorDocs, generateDocs } from "../src/docs/generate-docs.js";
import { loadRuleSet, quote } from "../src/index.js";
import { BUNDLED, bundledRules, cli, problemsOf, ROOT } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

const DOCS = join(ROOT, "docs");
const SEEDS = join(ROOT, "test", "fixtures", "seeds");
const MONTH = "2026-10";

function generated(rulesDir = bundledRules(), locale?: string) {
  const out = mkdtempSync(join(tmpdir(), "ratecard-docs-"));
  generateDocs(rulesDir, out, { month: MONTH, locale });
  return out;
}

/** A copy of the bundled rule sets with one file edited. */
function editedRules(file: string, edit: (text: string) => string): string {
  const rules = join(mkdtempSync(join(tmpdir(), "ratecard-edited-")), "rules");
  cpSync(bundledRules(), rules, { recursive: true });
  writeFileSync(join(rules, file), edit(readFileSync(join(rules, file), "utf8")));
  return rules;
}

function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, join(prefix, e.name)) : [join(prefix, e.name)],
  );
}

describe("generated documentation", () => {
  it("docs/ is what the rules generate today (regenerate with npm run docs)", HEAVY, () => {
    const out = generated();
    const pages = filesUnder(out);
    // Every generated page is committed, and no page of a rule set is left over from an older run.
    // Only the bundled rule sets' folders: an author's own rule set under rules/ is not ours to check.
    const committedRuleSetPages = filesUnder(DOCS).filter((f) => BUNDLED.some((id) => f.startsWith(`${id}/`)));
    expect(committedRuleSetPages.sort()).toEqual(pages.filter((f) => f.includes("/")).sort());
    for (const file of pages) {
      const fresh = readFileSync(join(out, file), "utf8");
      const committed = readFileSync(join(DOCS, file), "utf8");
      // Compared whole, the inlined calculator included: the committed page must run today's code.
      expect(committed === fresh, `${file} differs from what the rules generate; run npm run docs`).toBe(true);
    }
  });

  it("every figure and date of both seed price pages appears on the page of its mode", () => {
    const seeds: [string, string][] = [
      ["000_b9ce925afb577296.txt", "original.md"],
      ["002_d22a20007ca42ae8.txt", "current.md"],
    ];
    for (const [seed, page] of seeds) {
      const text = readFileSync(join(SEEDS, seed), "utf8")
        .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // links: keep the words, drop the address
        .replace(/<[^>]*>/g, " ") // HTML tags and their attributes
        .replace(/\(id:[^)]*\)/g, "");
      const figures = new Set(text.match(/\d[\d,]*(\.\d+)?/g)!.filter((f) => !/^\d{4}$/.test(f) || f === "2022"));
      const dates =
        text.match(
          /(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}/g,
        ) ?? [];
      const markdown = readFileSync(join(DOCS, "tencent-im", page), "utf8");
      const missing = [...figures, ...dates].filter((figure) => !markdown.includes(figure));
      expect(missing, `${seed} → ${page}`).toEqual([]);
      expect(figures.size).toBeGreaterThan(5);
    }
  });

  it("a changed price changes the pages and the quote, with no code change", HEAVY, () => {
    const rules = join(mkdtempSync(join(tmpdir(), "ratecard-price-")), "rules");
    cpSync(bundledRules(), rules, { recursive: true });
    const file = join(rules, "tencent-im", "modes", "current.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("fee: 399", "fee: 419"));
    const out = generated(rules);
    expect(readFileSync(join(out, "tencent-im", "current.md"), "utf8")).toContain(
      "| Price | Free | $419.00/month | $699.00/month |",
    );
    expect(readFileSync(join(out, "tencent-im", "index.html"), "utf8")).toContain('"fee":419');
    const usage = { ruleset: "tencent-im", period: MONTH, edition: "standard", usage: { mau: 10_000 } };
    expect(quote(loadRuleSet(join(rules, "tencent-im")), usage).total).toBe("419.00");
  });

  it.each([
    [
      "prints an add-on price as written, decimals beyond the currency's kept",
      (t: string) => t.replace("price: 29.5\n", 'price: "29.500"\n'),
      ["| Dedicated IP address | €29.500/month (14-day free trial) |", "Dedicated IP address: €29.500 a month"],
      [],
    ],
    [
      "words an add-on's limit per unit of a meter from the compiled limit, its amount as written",
      (t: string) =>
        t.replace(
          "quantity: { unit: domain, max: 50 }",
          'quantity: { unit: domain, max: { per: seats, amount: "2.50" } }',
        ),
      ["per domain (up to 2.50 per seat)"],
      ["(up to 2.5 per seat)", "(up to 50)"],
    ],
  ])("%s", HEAVY, (_what, edit, shown, notShown) => {
    const out = generated(editedRules("example-saas/modes/standard.yaml", edit));
    const site = `${readFileSync(join(out, "example-saas", "standard.md"), "utf8")}${readFileSync(join(out, "example-saas", "index.html"), "utf8")}`;
    for (const text of shown) expect(site).toContain(text);
    for (const text of notShown) expect(site).not.toContain(text);
  });
});

describe("the pages of one rule set, edited", () => {
  /** A copy of one bundled rule set with one file edited, alone in its rules folder. */
  function editedRuleSet(id: string, file: string, edit: (text: string) => string): string {
    const rules = join(mkdtempSync(join(tmpdir(), "ratecard-one-")), "rules");
    cpSync(join(bundledRules(), id), join(rules, id), { recursive: true });
    const path = join(rules, id, file);
    const text = readFileSync(path, "utf8");
    if (edit(text) === text && edit !== unchanged) throw new Error(`the edit leaves ${file} as it is`);
    writeFileSync(path, edit(text));
    return rules;
  }
  const unchanged = (t: string) => t;
  const PAYG = "modes/pay-as-you-go.yaml";
  const FLAT = "modes/flat-rate.yaml";
  /** The HTML card of an edition, from its heading to the next card. */
  const CARD = /<li class="card[^"]*"[^>]*><h\d>([^<]*)<\/h\d>.*?<\/li>(?=<li class="card|<\/ul>)/gs;

  it.each([
    [
      "words a unit price that restates only with endless decimals as written",
      "object-store",
      PAYG,
      (t: string) => t.replace("unitPrice: 0.012, per: 30", "unitPrice: 0.01, per: 3"),
      "pay-as-you-go",
      ["infrequent: $0.01 per 3 GB-days<br>"],
      ["3.333", "0.00333"],
    ],
    [
      "restates a unit price per 1,000 when it is exact, with its exact price in a note",
      "object-store",
      PAYG,
      (t: string) => t.replace("unitPrice: 0.012, per: 30", "unitPrice: 0.007, per: 7"),
      "pay-as-you-go",
      ["infrequent: $1.00 per 1,000 GB-days", "$1.00 per 1,000 GB-days is $0.001 per GB-day."],
      ["per 7 GB-days"],
    ],
    [
      "names each add-on in the add-on table, its description below it",
      "object-store",
      FLAT,
      unchanged,
      "flat-rate",
      [
        "| Customer-managed encryption keys | $1.00/month per key (up to 100) |",
        "- Customer-managed encryption keys: Each key kept in the key service, per month.",
        '<th scope="row">Customer-managed encryption keys</th>',
      ],
      ["| Each key kept in the key service, per month. |"],
    ],
    [
      "states an allotment with its unit and the meter it is per",
      "object-store",
      FLAT,
      unchanged,
      "flat-rate",
      [
        "| Data downloaded included | 3 GB per GB of storage |",
        "| Storage included | 10 GB |",
        "<li>Data downloaded: 3 GB per GB of storage included</li>",
        "<li>Storage: 10 GB included</li>",
      ],
      ["| 3 per GB |", "Data downloaded: 3 per GB included", "| Storage included | 10 |"],
    ],
    [
      "states an allotment per a meter whose unit names it without repeating it",
      "infra-monitor",
      "modes/by-host.yaml",
      unchanged,
      "by-host",
      ["| Custom metrics included | 100 metrics per host |", "<li>Custom metrics: 100 metrics per host included</li>"],
      ["per host of"],
    ],
  ])("%s", HEAVY, (_what, id, file, edit, mode, shown, notShown) => {
    const out = generated(editedRuleSet(id, file, edit));
    const site = `${readFileSync(join(out, id, `${mode}.md`), "utf8")}${readFileSync(join(out, id, "index.html"), "utf8")}`;
    expect([shown.filter((text) => !site.includes(text)), notShown.filter((text) => site.includes(text))]).toEqual([
      [],
      [],
    ]);
  });

  it.each([
    [
      "object-store",
      "Reserved capacity",
      '<span class="amount">$1,792.00</span> <span class="per">a month committed</span>',
      "Commitment: 102,400 GB at $0.0175, $1,792.00 a month, whatever the usage",
    ],
    [
      "infra-monitor",
      "Enterprise",
      '<span class="amount">$600.00</span> <span class="per">a month committed</span>',
      "Commitment: 50 hosts at $12.00, $600.00 a month, whatever the usage",
    ],
    [
      "infra-monitor",
      "Enterprise (annual)",
      '<span class="amount">$7,200.00</span> <span class="per">a year committed, billed in advance</span>',
      "Commitment: 50 hosts at $144.00, $7,200.00 a year, billed in advance, whatever the usage",
    ],
  ])("%s: the card of %s states its commitment, not 'No plan fee'", HEAVY, (id, edition, price, line) => {
    const html = readFileSync(join(generated(editedRuleSet(id, "ruleset.yaml", unchanged)), id, "index.html"), "utf8");
    const card = [...html.matchAll(CARD)].find((m) => m[1] === edition)?.[0] ?? "";
    expect(card).toContain(price);
    expect(card).toContain(line);
    expect(card).not.toContain("No plan fee");
  });
});

describe("the customer site", () => {
  const out = generated();
  const html = (id: string) => readFileSync(join(out, id, "index.html"), "utf8");
  const markdown = (id: string, mode: string) => readFileSync(join(out, id, `${mode}.md`), "utf8");

  it("holds customer pages only: the authors' reference is written apart, and the committed one is fresh", () => {
    expect(
      filesUnder(out)
        .filter((f) => !f.includes("/"))
        .sort(),
    ).toEqual(["index.html", "index.md"]);
    const authors = mkdtempSync(join(tmpdir(), "ratecard-authors-"));
    expect(generateAuthorDocs(bundledRules(), authors)).toEqual([join(authors, "dsl.md")]);
    expect(
      readFileSync(join(authors, "dsl.md"), "utf8") === readFileSync(join(DOCS, "dsl.md"), "utf8"),
      "docs/dsl.md differs; run npm run docs",
    ).toBe(true);
  });

  it.each([
    ["tencent-im", "current", ["Default edition", "Validity period", "Permanent", "(at most", "USD"]],
    ["tencent-im", "original", ["Default edition", "Validity period", "Permanent", "(at most", "USD"]],
    ["example-saas", "standard", ["Default edition", "Validity period", "EUR"]],
  ])("%s %s: no internal rows or currency codes in the customer's tables", (id, mode, words) => {
    for (const word of words) expect(markdown(id, mode)).not.toContain(word);
  });

  it.each([
    ["tencent-im", "current", "$0.015 per user"],
    ["example-saas", "standard", "€0.80 per 1,000 emails¹"],
    ["example-saas", "standard", "¹ €0.80 per 1,000 emails is €0.0008 per email."],
    ["example-api", "usage-based", "$2.50 per million tokens"],
    ["example-api", "usage-based", "$0.20 per 1,000 requests¹"],
    ["example-api", "usage-based", "| Single sign-on | ✗ | Add-on | Add-on |"],
    ["tencent-im", "original", "| Unlimited audio-video groups (AvChatRoom) | ✗ | Add-on | ✗ |"],
  ])("%s %s: prices in customers' words: %s", (id, mode, text) => {
    expect(markdown(id, mode)).toContain(text);
  });

  it("has a card for every edition of every mode, in the rules' order, modes in force first, saying whom each mode is for", () => {
    const page = html("tencent-im");
    const names = [
      ...page.matchAll(/<li class="card[^"]*"[^>]*>(?:<p class="badge">[^<]*<\/p>)?<h4>([^<]*)<\/h4>/g),
    ].map((m) => m[1]);
    expect(names).toEqual([
      "Developer Edition",
      "Standard Edition",
      "Premium Edition",
      "Free Edition",
      "Pro Edition",
      "Ultimate Edition",
    ]);
    expect(page).toContain("<h3>Current billing mode</h3><p>Open to new customers since December 26, 2022.</p>");
    expect(page).toContain("<h3>Original billing mode</h3><p>Retired on December 26, 2022.");
  });

  it("says Free once on a free card and limits in words", () => {
    const card = html("tencent-im").match(/<li class="card"><h4>Free Edition<\/h4>.*?<\/li><\/ul>/)![0];
    expect(card.match(/Free\b(?! Edition)/g)).toHaveLength(1);
    expect(card).toContain("<li>DAU: up to 100</li>");
    expect(card).toContain("<li>Peak group count: up to 100</li>");
    expect(card).not.toContain("at most");
  });

  it("sets the call to action, the highlighted plan and the brand from the rule set's docs: section", () => {
    const page = html("example-saas");
    expect(page).toContain('<li class="card highlight"><p class="badge">Most popular</p><h3>Business</h3>');
    expect(page).toContain(
      '<a class="cta" href="https://mail.example.com/signup?plan=business">Start a Business trial</a>',
    );
    expect(page).toContain(":root{--brand:#0b6e4f;--on-brand:#ffffff;--font:Georgia, 'Times New Roman', serif}");
    expect(html("example-api")).toContain("--brand:#f5c518;--on-brand:#000000");
    // No call to action set: only the calculator's link.
    expect(html("tencent-im")).not.toContain('class="cta"');
  });

  it("formats amounts in the locale asked for, every digit kept", () => {
    const german = generated(bundledRules(), "de-DE");
    expect(readFileSync(join(german, "tencent-im", "original.md"), "utf8")).toContain("449,99\u00a0$");
    expect(readFileSync(join(german, "tencent-im", "original.md"), "utf8")).toContain(
      "| Peak group count included | 100.000 groups | 100.000 groups | 100.000 groups |",
    );
    expect(readFileSync(join(german, "example-saas", "standard.md"), "utf8")).toContain(
      "0,80\u00a0€ per 1.000 emails¹",
    );
    expect(readFileSync(join(german, "example-saas", "index.html"), "utf8")).toContain('"locale":"de-DE"');
  });

  it.each([
    [
      "an unknown edition highlighted",
      "example-saas/ruleset.yaml",
      (t: string) => t.replace("edition: business, label", "edition: gold, label"),
      "ref.unknown-edition",
    ],
    [
      "a call to action for an unknown edition",
      "example-saas/ruleset.yaml",
      (t: string) => t.replace("    starter: { label", "    bronze: { label"),
      "ref.unknown-edition",
    ],
    [
      "an example that does not exist",
      "tencent-im/ruleset.yaml",
      (t: string) => t.replace("example: current-standard", "example: no-such-example"),
      "file.not-found",
    ],
  ])("refuses %s", (_what, file, edit, code) => {
    const rules = editedRules(file, edit);
    expect(problemsOf(() => generated(rules)).map((p) => p.code)).toEqual([code]);
  });

  it.each([
    ["a brand colour that is not #RRGGBB", 'theme: { brand: "#0b6e4f"', 'theme: { brand: "red;}body{display:none"'],
    ["a font stack with CSS in it", "font: \"Georgia, 'Times New Roman', serif\"", 'font: "x;}body{display:none"'],
    ["a call to action to a script", '"mailto:sales@mail.example.com"', '"javascript:alert(1)"'],
    ["an unknown docs property", "docs:\n", "docs:\n  colour: red\n"],
  ])("the schema refuses %s", (_what, from, to) => {
    const rules = editedRules("example-saas/ruleset.yaml", (t) => t.replace(from, to));
    expect(readFileSync(join(rules, "example-saas", "ruleset.yaml"), "utf8")).toContain(to.trim());
    expect(problemsOf(() => loadRuleSet(join(rules, "example-saas"))).map((p) => p.code)[0]).toMatch(/^schema\./);
  });
});

describe("ratecard docs", () => {
  it("--authors writes the reference alone; --locale formats the site's amounts; a bad locale is a usage error", async () => {
    const authors = mkdtempSync(join(tmpdir(), "ratecard-cli-authors-"));
    expect(await cli(["docs", "--authors", "--rules", bundledRules(), "--out", authors])).toMatchObject({
      code: 0,
      stdout: `wrote ${join(authors, "dsl.md")}\n`,
    });
    const site = mkdtempSync(join(tmpdir(), "ratecard-cli-site-"));
    expect(
      (await cli(["docs", "--rules", bundledRules(), "--out", site, "--month", MONTH, "--locale", "fr-FR"])).code,
    ).toBe(0);
    expect(readFileSync(join(site, "tencent-im", "current.md"), "utf8")).toContain("399,00\u00a0$US/month");
    expect(await cli(["docs", "--out", site, "--locale", "not a locale"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--locale takes a BCP 47 tag such as en-US or de-DE, not "not a locale"'),
    });
  }, 60_000);
});

describe("the DSL reference", () => {
  it("documents every property with a type, a description and an example", () => {
    const rows = readFileSync(join(DOCS, "dsl.md"), "utf8")
      .split("\n")
      .filter((line) => line.startsWith("| `"));
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const [, path, type, , description, example] = row.split(/ \| |^\| | \|$/);
      expect(type, path).not.toBe("");
      expect(description, path).not.toBe("");
      expect(example, path).toMatch(/^`.+`$/);
    }
  });
});
