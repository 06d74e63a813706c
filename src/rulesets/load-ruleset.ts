import type { Problem } from "../errors/problem.js";
import { RatecardError, assertMapping, readArgument } from "../errors/ratecard-error.js";
import { assertPath, assertString, guarded } from "../errors/entry.js";
import { checkRuleSet } from "../check/index.js";
import { compileRuleSet } from "../compile/compile-ruleset.js";
import { dataFiles, folderFiles, folderFilesAsync, textFiles, type RuleFiles } from "../load/rule-files.js";
import type { Plan, RuleSet } from "../model/plan.js";
import { readRuleFiles, readRuleSet, type RuleSetFiles } from "../validate/read-ruleset.js";

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
  return loadPlan(dir);
}

/** `loadRuleSet` for ratecard's own modules, which read the compiled plan. */
export function loadPlan(dir: string): Plan {
  return loadRuleSetWithFiles(dir).ruleSet;
}

/** Like `loadRuleSet`, also returning the rule files as written (for tools that compare or lint them). */
export function loadRuleSetWithFiles(dir: string): { ruleSet: Plan; files: RuleSetFiles } {
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
export function loadRuleSetFromTexts(
  texts: Readonly<Record<string, string>>,
  options: RuleSetSourceOptions = {},
): RuleSet {
  return guarded(() => compiled(readRuleFiles(textFiles(fileMap(texts, "texts"), sourceName(options)))).ruleSet);
}

/**
 * Loads a rule set whose files are given as data already parsed (`{ "ruleset.yaml": { id, … } }`).
 * Numbers that are not whole are read as their shortest decimal text (12.99 → "12.99"); write
 * money as strings to be sure of every digit. Problems carry paths, not positions.
 * @throws RatecardError with every problem found.
 */
export function loadRuleSetFromData(
  data: Readonly<Record<string, unknown>>,
  options: RuleSetSourceOptions = {},
): RuleSet {
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

function compiled({ files, problems }: { files?: RuleSetFiles; problems: Problem[] }): {
  ruleSet: Plan;
  files: RuleSetFiles;
} {
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
