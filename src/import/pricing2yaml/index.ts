import { join } from "node:path";
import { RatecardError } from "../../errors/ratecard-error.js";
import { assertMapping, readArgument } from "../../errors/ratecard-error.js";
import { assertPath, assertString, guarded } from "../../errors/entry.js";
import { LIMITS } from "../../guard/limits.js";
import type { Problem } from "../../errors/problem.js";
import { tooLarge } from "../../load/read-text.js";
import { parseSource } from "../../load/source-document.js";
import { buildCatalog } from "./catalog.js";
import { emitFiles } from "./emit-files.js";
import { idFrom } from "./ids.js";
import { Issues } from "./issues.js";
import { draftAddons } from "./map-addons.js";
import { draftPlans } from "./map-editions.js";
import { readPricing } from "./read-pricing.js";
import { isMapping, kindOf } from "./read-values.js";

/** A converted pricing: the rule set's id, its files by path within its folder, and what did not map. */
export interface ImportedRuleSet {
  /** The rule set's id, from the product's name; also the name of its folder. */
  id: string;
  /** The files by path within the rule set's folder (`ruleset.yaml`, `modes/<period>.yaml`). */
  files: Record<string, string>;
  /** Every field that did not map, or was malformed, with its path in the source (and line, from a file). */
  problems: Problem[];
}

/** Where the source came from and where the rule set will be written. */
export interface ImportOptions {
  /** The file name used in problem positions. */
  file?: string;
  /** The folder the rule set's folder will be written into, for the files' schema lines (default: the working folder). */
  outDir?: string;
}

/**
 * Converts a Pricing2Yaml pricing (syntax 1.0 to 3.x) into a ratecard rule set. Plans become
 * editions, add-ons add-ons with their eligibility, features and usage limits entitlements and
 * quotas, billing periods billing modes. Every field that does not map is a problem in the result;
 * a document that cannot be read at all throws a RatecardError.
 */
export function importPricing2Yaml(text: string, options: ImportOptions = {}): ImportedRuleSet {
  const given = readArgument("options", () => readOptions(options));
  const file = given.file ?? "<pricing>";
  assertString(text, "text", Number.MAX_SAFE_INTEGER);
  if (Buffer.byteLength(text) > LIMITS.fileBytes) {
    const { code, message } = tooLarge(file);
    throw new RatecardError([{ code, message, path: [] }]);
  }
  return guarded(() => convert(text, file, given.outDir ?? "."));
}

function readOptions(options: unknown): ImportOptions {
  if (options === undefined) return {};
  assertMapping(options, "options", "import options ({ file?, outDir? })");
  const { file, outDir } = options as ImportOptions;
  if (file !== undefined) assertPath(file, "options.file");
  if (outDir !== undefined) assertPath(outDir, "options.outDir");
  return { ...(file === undefined ? {} : { file }), ...(outDir === undefined ? {} : { outDir }) };
}

function convert(text: string, file: string, outDir: string): ImportedRuleSet {
  const { doc, problems } = parseSource(text, file);
  if (problems.length) throw new RatecardError(problems);
  if (!isMapping(doc.data))
    throw new RatecardError([
      {
        code: "import.invalid",
        message: `a Pricing2Yaml pricing is a mapping, not ${kindOf(doc.data)}`,
        path: [],
        source: { file, line: 1, col: 1 },
      },
    ]);
  const issues = new Issues(doc);
  const pricing = readPricing(doc.data, issues);
  if (!pricing.plans.length && !pricing.addons.length) {
    throw new RatecardError([
      ...issues.list,
      { code: "import.invalid", message: "a pricing needs at least one plan or add-on", path: ["plans"] },
    ]);
  }
  const catalog = buildCatalog(pricing, issues);
  const plans = draftPlans(pricing, catalog, issues);
  const addons = draftAddons(pricing, plans, catalog, issues);
  const id = idFrom(pricing.name, "imported-pricing");
  const files = emitFiles({ id, pricing, catalog, plans, addons }, join(outDir, id));
  return { id, files, problems: issues.list };
}
