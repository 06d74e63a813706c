import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Problem, SourcePosition } from "../errors/problem.js";
import { clip } from "../guard/clip.js";
import type { ModeDoc, RuleSetDoc } from "../model/document.js";
import { validateDocument } from "../validate/validate-document.js";
import { readSource } from "./read-source.js";
import type { SourceDocument } from "./source-document.js";

export const ROOT_FILE = "ruleset.yaml";

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
  const rootFile = join(dir, ROOT_FILE);
  if (!existsSync(rootFile)) {
    return { problems: [{ code: "ruleset.not-found", message: `${dir} is not a rule set: it has no ${ROOT_FILE}`, path: [] }] };
  }
  const root = readValid<RuleSetDoc>(rootFile, "ruleset");
  if (!root.sourced) return { problems: root.problems };
  const problems = [...root.problems];
  const modes: Sourced<ModeDoc>[] = [];
  root.sourced.doc.modes.forEach((modeFile, index) => {
    const referencedAt = root.sourced?.source.locate(["modes", index]);
    const outside = outsideProblem(dir, modeFile, index, referencedAt);
    if (outside) return void problems.push(outside);
    const mode = readValid<ModeDoc>(join(dir, modeFile), "mode", referencedAt);
    problems.push(...mode.problems);
    if (mode.sourced) modes.push(mode.sourced);
  });
  return problems.length ? { problems } : { files: { dir, root: root.sourced, modes }, problems };
}

/**
 * A mode file must lie inside the rule-set folder, after following symbolic links: a rule set
 * cannot make ratecard read /etc/passwd.yaml or a sibling's files.
 */
function outsideProblem(dir: string, modeFile: string, index: number, referencedAt: SourcePosition | undefined): Problem | undefined {
  const inside = (root: string, file: string) => {
    const path = relative(root, file);
    return path !== "" && !path.startsWith("..") && !isAbsolute(path);
  };
  let ok = inside(resolve(dir), resolve(dir, modeFile));
  if (ok) {
    try {
      ok = inside(realpathSync(dir), realpathSync(resolve(dir, modeFile)));
    } catch {
      // A missing or unreadable file is reported when it is read.
    }
  }
  if (ok) return undefined;
  const problem: Problem = { code: "file.outside", message: `mode file ${clip(modeFile)} is outside the rule-set folder ${dir}; list files under it, e.g. modes/main.yaml`, path: ["modes", index] };
  if (referencedAt) problem.source = referencedAt;
  return problem;
}

function readValid<T>(file: string, schema: "ruleset" | "mode", referencedAt?: ReturnType<SourceDocument["locate"]>): { sourced?: Sourced<T>; problems: Problem[] } {
  const { doc, problems } = readSource(file, referencedAt);
  if (!doc || problems.length) return { problems };
  const invalid = validateDocument(doc, schema);
  return invalid.length ? { problems: invalid } : { sourced: { doc: doc.data as T, source: doc }, problems: [] };
}
