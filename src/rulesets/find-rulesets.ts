import { existsSync, readdirSync, statSync, type Dirent } from "node:fs";
import { basename, join } from "node:path";
import { assertPath, guarded, isParsed } from "../errors/entry.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { usageSource } from "../evaluate/quote.js";
import { clip } from "../guard/clip.js";
import type { SourceDocument } from "../load/source-document.js";
import type { UsageDocument } from "../model/usage.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { ROOT_FILE } from "../validate/read-ruleset.js";

/** The rule sets that ship with ratecard. */
export const BUNDLED_RULES_DIR = join(PACKAGE_ROOT, "rules");

/** The rule-set folders under `rulesDir`, or `rulesDir` itself when it is one. */
export function findRuleSets(rulesDir: string): string[] {
  return guarded(() => {
    assertPath(rulesDir, "rulesDir");
    if (existsSync(join(rulesDir, ROOT_FILE))) return [rulesDir];
    if (!isFolder(rulesDir)) return [];
    return folderEntries(rulesDir)
      .filter((entry) => entry.isDirectory() && existsSync(join(rulesDir, entry.name, ROOT_FILE)))
      .map((entry) => join(rulesDir, entry.name))
      .sort();
  });
}

/**
 * The folder under `rulesDir` of the rule set a usage document (from `parseUsage`, or an object) names in `ruleset:`.
 * @throws RatecardError when it names none, or one that is not there.
 */
export function ruleSetDirFor(rulesDir: string, usage: UsageDocument | SourceDocument): string {
  return guarded(() => {
    assertPath(rulesDir, "rulesDir");
    // A parsed document that is not a mapping is refused below with its position; anything else must be a usage document.
    return ruleSetIn(rulesDir, isParsed(usage) ? (usage as SourceDocument) : usageSource(usage));
  });
}

function ruleSetIn(rulesDir: string, usage: SourceDocument): string {
  const id = (usage.data as { ruleset?: unknown } | null)?.ruleset;
  const known = findRuleSets(rulesDir).map((dir) => basename(dir));
  const fail = (message: string): never => {
    const source = usage.locate(["ruleset"]);
    throw new RatecardError([{ code: "usage.ruleset", message, path: ["ruleset"], ...(source ? { source } : {}) }]);
  };
  if (usage.data === null || typeof usage.data !== "object" || Array.isArray(usage.data)) {
    const source = usage.locate([]);
    throw new RatecardError([
      {
        code: "schema.type",
        message: "a usage document is a mapping with ruleset, period and usage (or months)",
        path: [],
        ...(source ? { source } : {}),
      },
    ]);
  }
  if (typeof id !== "string" || id.length > 100 || !/^[a-z0-9][a-z0-9-]*$/.test(id))
    return fail(`ruleset must name a rule set folder; ${rulesDir} has: ${known.join(", ") || "none"}`);
  if (!known.includes(id))
    return fail(`unknown rule set "${clip(id)}"; ${rulesDir} has: ${known.join(", ") || "none"}`);
  return join(rulesDir, id);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false; // a part of the path is a file, or cannot be searched: no folder here
  }
}

function folderEntries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new RatecardError([
      {
        code: "file.unreadable",
        message: `cannot read the folder ${dir} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        path: [],
      },
    ]);
  }
}
