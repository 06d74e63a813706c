import { readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { parseUsage } from "../load/parse-usage.js";
import { findRuleSets } from "../rulesets/find-rulesets.js";
import { loadRuleSetWithFiles } from "../rulesets/load-ruleset.js";
import type { Problem } from "../errors/problem.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { exampleFiles } from "../examples/run-examples.js";
import { dslReference } from "./dsl-reference.js";
import type { ModeDoc, RuleSetDoc } from "../model/document.js";
import type { UsageDocument } from "../model/usage.js";
import { pageToMarkdown } from "../render/docs/markdown.js";
import { modePage } from "../render/docs/mode-page.js";
import { makeFolder, writeFileIn } from "../output/write-files.js";
import { indexPage, sitePage, type CalculatorExample } from "./site-page.js";

/** The browser calculator, bundled by `npm run build` (scripts/bundle-calculator.mjs). */
const CALCULATOR = join(PACKAGE_ROOT, "dist", "browser", "calculator.js");

const DEFAULT_LOCALE = "en-US";

export interface DocsOptions {
  /** The calculator's default month (YYYY-MM); this month when not given. */
  month?: string | undefined;
  /** The customer's locale for amounts; overrides every rule set's `docs.locale`. */
  locale?: string | undefined;
}

/** Writes through the output guard (regular files in folders made one level at a time), noting each file. */
function writer(written: string[]) {
  return (file: string, text: string) => {
    writeFileIn(file, text);
    written.push(file);
  };
}

/**
 * Writes the customer site for every rule set under `rulesDir`: one Markdown pricing page per
 * billing mode and one self-contained HTML page with plan cards, the price calculator and every
 * mode's tables. Author documentation is written by generateAuthorDocs. Returns the files written.
 */
export function generateDocs(rulesDir: string, outDir: string, options: DocsOptions = {}): string[] {
  const today = options.month ?? new Date().toISOString().slice(0, 7);
  const script = readFileSync(CALCULATOR, "utf8");
  const written: string[] = [];
  const write = writer(written);
  makeFolder(outDir);
  const index: string[] = ["# Pricing", ""];
  const ruleSets = findRuleSets(rulesDir).map((dir) => ({ dir, ...loadRuleSetWithFiles(dir) }));
  for (const { dir, files, ruleSet: plan } of ruleSets) {
    const id = basename(dir);
    const root = files.root.doc;
    const locale = options.locale ?? root.docs?.locale ?? DEFAULT_LOCALE;
    const docs = files.modes.map((m) => m.doc);
    // Modes in force first, retired ones after: customers read about what they can buy.
    const modeIds = [...new Set(docs.map((m) => m.id))].sort(
      (a, b) => Number(docs.some((m) => m.id === a && m.retired)) - Number(docs.some((m) => m.id === b && m.retired)),
    ); // eslint-disable-line ratecard/no-float-money -- a sort key
    const versionsOf = (modeId: string): ModeDoc[] =>
      docs
        .filter((m) => m.id === modeId)
        .sort((a, b) => (a.effective?.from ?? "").localeCompare(b.effective?.from ?? ""));
    const latest = modeIds.map((modeId) => versionsOf(modeId).at(-1)!);
    const planOf = (modeId: string) => plan.modes.get(modeId)!.at(-1)!;
    const pages = modeIds.map((modeId) => ({
      id: modeId,
      page: modePage({ root, plan: planOf(modeId), versions: versionsOf(modeId), modes: latest, locale }),
    }));
    for (const { id: modeId, page } of pages) write(join(outDir, id, `${modeId}.md`), pageToMarkdown(page));
    const examples = calculatorExamples(dir);
    checkDocsConfig(root, latest, examples);
    const groups = latest.map((mode) => ({ mode, plan: planOf(mode.id) }));
    write(
      join(outDir, id, "index.html"),
      sitePage({ root, modes: docs, groups, pages, examples, period: today, locale, script }),
    );
    index.push(
      `## ${root.name}`,
      "",
      ...pages.map(({ id: modeId, page }) => `- [${page.title}](${id}/${modeId}.md)`),
      `- [Pricing page with calculator](${id}/index.html)`,
      "",
    );
  }
  write(join(outDir, "index.md"), `${index.join("\n").trimEnd()}\n`);
  write(
    join(outDir, "index.html"),
    indexPage(
      ruleSets.map(({ dir, files }) => ({
        id: basename(dir),
        name: files.root.doc.name,
        description: files.root.doc.description,
      })),
    ),
  );
  return written;
}

/** Writes the rule authors' reference (dsl.md), generated from the JSON Schemas; apart from the customer site. */
export function generateAuthorDocs(rulesDir: string, outDir: string): string[] {
  const written: string[] = [];
  const ruleSets = findRuleSets(rulesDir).map((dir) => ({ dir, ...loadRuleSetWithFiles(dir) }));
  const examples = ruleSets.flatMap(({ dir }) =>
    exampleFiles(dir).map((file) => parseUsage(readFileSync(file, "utf8"), file).data),
  );
  const reference = dslReference([
    {
      title: "ruleset.yaml",
      file: "ruleset.schema.json",
      intro:
        "The root file of a rule set: currency and rounding, the billing cycle, the billing modes and how an app is assigned to one.",
      documents: ruleSets.map(({ files }) => files.root.doc),
    },
    {
      title: "Mode files (modes/*.yaml)",
      file: "mode.schema.json",
      intro:
        "One billing mode (or one dated price version of it): meters, editions, charges and add-ons. How raw events measure a meter (`meters[].events`) is explained in [events.md](events.md).",
      documents: ruleSets.flatMap(({ files }) => files.modes.map((m) => m.doc)),
    },
    {
      title: "Usage documents",
      file: "usage.schema.json",
      intro: "A month (or several) of an app's usage, as `ratecard quote` reads it; examples add `expect:`.",
      documents: examples,
    },
  ]);
  writer(written)(join(outDir, "dsl.md"), reference.markdown);
  return written;
}

/** A rule set's examples as the calculator starts from them: named, without what they expect. */
function calculatorExamples(dir: string): CalculatorExample[] {
  return exampleFiles(dir).map((file) => {
    const { expect: _expect, ...doc } = parseUsage(readFileSync(file, "utf8"), file).data as UsageDocument & {
      expect?: unknown;
      name?: string;
    };
    return { id: basename(file, extname(file)), name: doc.name ?? basename(file), doc };
  });
}

/** The `docs:` section names editions and an example that must exist. */
function checkDocsConfig(root: RuleSetDoc, modes: ModeDoc[], examples: CalculatorExample[]): void {
  const config = root.docs;
  if (!config) return;
  const editions = new Set(modes.flatMap((mode) => mode.editions.map((e) => e.id)));
  const unknown = [
    ...(config.highlight && !editions.has(config.highlight.edition)
      ? [{ path: ["docs", "highlight", "edition"], id: config.highlight.edition }]
      : []),
    ...Object.keys(config.cta ?? {})
      .filter((id) => !editions.has(id))
      .map((id) => ({ path: ["docs", "cta", id], id })),
  ];
  const problems: Problem[] = unknown.map(({ path, id }) => ({
    code: "ref.unknown-edition",
    message: `${path.join(".")}: no edition "${id}" in rule set ${root.id}; editions: ${[...editions].join(", ")}`,
    path,
  }));
  if (config.example !== undefined && !examples.some((e) => e.id === config.example)) {
    problems.push({
      code: "file.not-found",
      message: `docs.example: no example "${config.example}" in ${root.id}/examples; examples: ${examples.map((e) => e.id).join(", ")}`,
      path: ["docs", "example"],
    });
  }
  if (problems.length) throw new RatecardError(problems);
}
