import { existsSync, readdirSync, statSync, type Dirent } from "node:fs";
import { basename, join } from "node:path";
import { PACKAGE_ROOT } from "./package-root.js";
import { checkRuleSet } from "./check/index.js";
import { compileRuleSet } from "./compile/compile-ruleset.js";
import type { Problem } from "./errors/problem.js";
import { assertMapping, RatecardError, readArgument } from "./errors/ratecard-error.js";
import { readRuleFiles, readRuleSet, ROOT_FILE, type RuleSetFiles } from "./validate/read-ruleset.js";
import { dataFiles, folderFiles, folderFilesAsync, textFiles, type RuleFiles } from "./load/rule-files.js";
import { parseSource, type SourceDocument } from "./load/source-document.js";
import type { Plan } from "./model/plan.js";
import type { UsageDocument } from "./model/usage.js";
import { usageSource } from "./evaluate/quote.js";
import { clip } from "./guard/clip.js";
import { LIMITS } from "./guard/limits.js";
import { tooLarge } from "./load/read-text.js";
import { assertPath, assertString, guarded, isParsed, markParsed } from "./errors/entry.js";

/** A loaded, checked and compiled rule set, ready to quote. */
export type RuleSet = Plan;

export { quote } from "./evaluate/quote.js";

/** The rule sets that ship with ratecard. */
export const BUNDLED_RULES_DIR = join(PACKAGE_ROOT, "rules");

/** Every problem of the rule set in `dir` (syntax, schema, semantic), or none. */
export function validateRuleSet(dir: string): Problem[] {
  return guarded(() => {
    assertPath(dir, "dir");
    return problemsOf(folderFiles(dir));
  });
}

/**
 * Loads the rule set in `dir` (a folder with ruleset.yaml): load → validate → check → compile.
 * @throws RatecardError with every problem found, each with file, line and column.
 */
export function loadRuleSet(dir: string): RuleSet {
  return loadRuleSetWithFiles(dir).ruleSet;
}

/** Like `loadRuleSet`, also returning the rule files as written (for tools that compare or lint them). */
export function loadRuleSetWithFiles(dir: string): { ruleSet: RuleSet; files: RuleSetFiles } {
  return guarded(() => {
    assertPath(dir, "dir");
    return compiled(readRuleSet(dir));
  });
}

/**
 * Loads a rule set whose files are given as texts, by their names in the rule set: for rules kept
 * in a database, bundled with an app or edited in a browser.
 * ```ts
 * loadRuleSetFromTexts({ "ruleset.yaml": rulesetText, "modes/main.yaml": modeText });
 * ```
 * Problems name `name/file` (or `file`) with line and column; the folder-name rule reads `name`
 * (default: the rule set's own id).
 * @throws RatecardError with every problem found.
 */
export function loadRuleSetFromTexts(texts: Readonly<Record<string, string>>, options: RuleSetSourceOptions = {}): RuleSet {
  return guarded(() => compiled(readRuleFiles(textFiles(fileMap(texts, "texts"), sourceName(options)))).ruleSet);
}

/**
 * Loads a rule set whose files are given as data already parsed (`{ "ruleset.yaml": { id, … } }`).
 * Numbers that are not whole are read as their shortest decimal text (12.99 → "12.99"); write
 * money as strings to be sure of every digit. Problems carry paths, not positions.
 * @throws RatecardError with every problem found.
 */
export function loadRuleSetFromData(data: Readonly<Record<string, unknown>>, options: RuleSetSourceOptions = {}): RuleSet {
  return guarded(() => compiled(readRuleFiles(dataFiles(fileMap(data, "data"), sourceName(options)))).ruleSet);
}

/** `loadRuleSet` with the files read without blocking the event loop. */
export async function loadRuleSetAsync(dir: string): Promise<RuleSet> {
  assertPath(dir, "dir");
  const from = await guardedAsync(() => folderFilesAsync(dir));
  return guarded(() => compiled(readRuleFiles(from)).ruleSet);
}

/** `validateRuleSet` with the files read without blocking the event loop. */
export async function validateRuleSetAsync(dir: string): Promise<Problem[]> {
  assertPath(dir, "dir");
  const from = await guardedAsync(() => folderFilesAsync(dir));
  return guarded(() => problemsOf(from));
}

/** Options of the loaders that take files from memory. */
export interface RuleSetSourceOptions {
  /** The rule set's folder name, for messages and the rule that the id equals it; default: its id. */
  name?: string;
}

function compiled({ files, problems }: { files?: RuleSetFiles; problems: Problem[] }): { ruleSet: RuleSet; files: RuleSetFiles } {
  if (!files) throw new RatecardError(problems);
  const semantic = checkRuleSet(files);
  if (semantic.length) throw new RatecardError(semantic);
  return { ruleSet: compileRuleSet(files), files };
}

function problemsOf(from: RuleFiles): Problem[] {
  const { files, problems } = readRuleFiles(from);
  return files ? checkRuleSet(files) : problems;
}

function fileMap<T>(files: Readonly<Record<string, T>>, name: string): Readonly<Record<string, T>> {
  assertMapping(files, name, `a mapping of file names to their ${name}`);
  // Read once into a plain copy, so a getter that throws is refused here, not while loading.
  return readArgument(name, () => Object.fromEntries(Object.entries(files)));
}

function sourceName(options: RuleSetSourceOptions): string | undefined {
  assertMapping(options, "options", "an object");
  const name = readArgument("options.name", () => (Object.hasOwn(options, "name") ? options.name : undefined));
  if (name !== undefined) assertString(name, "options.name", 100);
  return name;
}

async function guardedAsync<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    return guarded(() => {
      throw error;
    });
  }
}

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
 * Parses a usage document (YAML or JSON) keeping source positions for error messages.
 * @throws RatecardError on a syntax error.
 */
export function parseUsage(text: string, file: string): SourceDocument {
  assertPath(file, "file");
  assertString(text, "text", Number.MAX_SAFE_INTEGER);
  if (Buffer.byteLength(text) > LIMITS.fileBytes) {
    const { code, message } = tooLarge(file);
    throw new RatecardError([{ code, message, path: [] }]);
  }
  const { doc, problems } = guarded(() => parseSource(text, file));
  if (problems.length) throw new RatecardError(problems);
  return markParsed(doc);
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
    throw new RatecardError([
      { code: "schema.type", message: "a usage document is a mapping with ruleset, period and usage (or months)", path: [], ...(usage.locate([]) ? { source: usage.locate([])! } : {}) },
    ]);
  }
  if (typeof id !== "string" || id.length > 100 || !/^[a-z0-9][a-z0-9-]*$/.test(id)) return fail(`ruleset must name a rule set folder; ${rulesDir} has: ${known.join(", ") || "none"}`);
  if (!known.includes(id)) return fail(`unknown rule set "${clip(id)}"; ${rulesDir} has: ${known.join(", ") || "none"}`);
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
    throw new RatecardError([{ code: "file.unreadable", message: `cannot read the folder ${dir} (${(error as NodeJS.ErrnoException).code ?? "error"})`, path: [] }]);
  }
}
