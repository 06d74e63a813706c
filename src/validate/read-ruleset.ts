import type { Problem } from "../errors/problem.js";
import type { ModeDoc, RuleSetDoc } from "../model/document.js";
import { validateDocument } from "./validate-document.js";
import { folderFiles, ROOT_FILE, type Listed, type RuleFiles } from "../load/rule-files.js";
import type { SourceDocument } from "../load/source-document.js";

export { ROOT_FILE };

/** A schema-valid document together with where it came from. */
export interface Sourced<T> {
  doc: T;
  source: SourceDocument;
}

/** The files of one rule set, each parsed and schema-valid. */
export interface RuleSetFiles {
  dir: string;
  root: Sourced<RuleSetDoc>;
  modes: Sourced<ModeDoc>[];
}

/**
 * Load and validate: reads ruleset.yaml and every mode file it lists, and checks each
 * against its JSON Schema. All problems of all files are returned together.
 */
export function readRuleSet(dir: string): { files?: RuleSetFiles; problems: Problem[] } {
  return readRuleFiles(folderFiles(dir));
}

/** Like readRuleSet, for files from anywhere (see rule-files.ts). */
export function readRuleFiles(from: RuleFiles): { files?: RuleSetFiles; problems: Problem[] } {
  const root = readValid<RuleSetDoc>(from, ROOT_FILE, "ruleset");
  if (!root.sourced) {
    const [first, ...others] = root.problems;
    const missing = first?.code === "file.not-found" && others.length === 0;
    return missing
      ? {
          problems: [
            {
              code: "ruleset.not-found",
              message: `${from.dir ?? "the files given"} is not a rule set: it has no ${ROOT_FILE}`,
              path: [],
            },
          ],
        }
      : root;
  }
  const problems: Problem[] = [];
  const modes: Sourced<ModeDoc>[] = [];
  root.sourced.doc.modes.forEach((modeFile, index) => {
    const listed: Listed = { path: ["modes", index], source: root.sourced?.source.locate(["modes", index]) };
    const mode = readValid<ModeDoc>(from, modeFile, "mode", listed);
    problems.push(...mode.problems);
    if (mode.sourced) modes.push(mode.sourced);
  });
  if (problems.length) return { problems };
  return { files: { dir: from.dir ?? root.sourced.doc.id, root: root.sourced, modes }, problems };
}

function readValid<T>(
  from: RuleFiles,
  file: string,
  schema: "ruleset" | "mode",
  listed?: Listed,
): { sourced?: Sourced<T>; problems: Problem[] } {
  const { doc, problems } = from.read(file, listed);
  if (!doc || problems.length) return { problems };
  const invalid = validateDocument(doc, schema);
  return invalid.length ? { problems: invalid } : { sourced: { doc: doc.data as T, source: doc }, problems: [] };
}
