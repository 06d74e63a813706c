import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { findRuleSets, loadRuleSetWithFiles, parseUsage } from "../api.js";
import { exampleFiles } from "../examples/run-examples.js";
import { dslReference } from "./dsl-reference.js";
import type { ModeDoc } from "../model/document.js";
import { pageToMarkdown } from "../render/docs/markdown.js";
import { modePage } from "../render/docs/mode-page.js";
import { makeFolder, writeFileIn } from "../output/write-files.js";
import { indexPage, sitePage } from "./site-page.js";

/** The browser calculator, bundled by `npm run build` (scripts/bundle-calculator.mjs). */
const CALCULATOR = join(PACKAGE_ROOT, "dist", "browser", "calculator.js");

/**
 * Writes, for every rule set under `rulesDir`: one Markdown pricing page per billing mode and one
 * self-contained HTML page with all of them and the price calculator. Returns the files written.
 */
export function generateDocs(rulesDir: string, outDir: string, today = new Date().toISOString().slice(0, 7)): string[] {
  const script = readFileSync(CALCULATOR, "utf8");
  const written: string[] = [];
  const write = (file: string, text: string) => {
    writeFileIn(file, text);
    written.push(file);
  };
  makeFolder(outDir);
  const index: string[] = ["# Pricing", ""];
  const allFiles = findRuleSets(rulesDir).map((dir) => ({ dir, ...loadRuleSetWithFiles(dir) }));
  for (const { dir, files, ruleSet: plan } of allFiles) {
    const id = basename(dir);
    const docs = files.modes.map((m) => m.doc);
    // Modes in force first, retired ones after: customers read about what they can buy.
    const modeIds = [...new Set(docs.map((m) => m.id))].sort((a, b) => Number(docs.some((m) => m.id === a && m.retired)) - Number(docs.some((m) => m.id === b && m.retired))); // eslint-disable-line ratecard/no-float-money -- a sort key
    const versionsOf = (modeId: string): ModeDoc[] => docs.filter((m) => m.id === modeId).sort((a, b) => (a.effective?.from ?? "").localeCompare(b.effective?.from ?? ""));
    const latest = modeIds.map((modeId) => versionsOf(modeId).at(-1)!);
    const pages = modeIds.map((modeId) => ({ id: modeId, page: modePage({ root: files.root.doc, plan: plan.modes.get(modeId)!.at(-1)!, versions: versionsOf(modeId), modes: latest }) }));
    for (const { id: modeId, page } of pages) write(join(outDir, id, `${modeId}.md`), pageToMarkdown(page));
    write(join(outDir, id, "index.html"), sitePage({ root: files.root.doc, modes: docs, pages, period: today, script }));
    index.push(`## ${files.root.doc.name}`, "", ...pages.map(({ id: modeId, page }) => `- [${page.title}](${id}/${modeId}.md)`), `- [Pricing page with calculator](${id}/index.html)`, "");
  }
  index.push("## For rule authors", "", "- [Rule DSL reference](dsl.md)", "- [Tutorial: a rule set step by step](tutorial.md)", "");
  write(join(outDir, "index.md"), `${index.join("\n").trimEnd()}\n`);
  write(join(outDir, "index.html"), indexPage(allFiles.map(({ dir, files }) => ({ id: basename(dir), name: files.root.doc.name, description: files.root.doc.description }))));
  const examples = allFiles.flatMap(({ dir }) => exampleFiles(dir).map((file) => parseUsage(readFileSync(file, "utf8"), file).data));
  const reference = dslReference([
    { title: "ruleset.yaml", file: "ruleset.schema.json", intro: "The root file of a rule set: currency and rounding, the billing cycle, the billing modes and how an app is assigned to one.", documents: allFiles.map(({ files }) => files.root.doc) },
    { title: "Mode files (modes/*.yaml)", file: "mode.schema.json", intro: "One billing mode (or one dated price version of it): meters, editions, charges and add-ons. How raw events measure a meter (`meters[].events`) is explained in [events.md](events.md).", documents: allFiles.flatMap(({ files }) => files.modes.map((m) => m.doc)) },
    { title: "Usage documents", file: "usage.schema.json", intro: "A month (or several) of an app's usage, as `ratecard quote` reads it; examples add `expect:`.", documents: examples },
  ]);
  write(join(outDir, "dsl.md"), reference.markdown);
  return written;
}
