import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { loadRuleSetWithFiles } from "../api.js";
import { diffRuleSets } from "../diff/diff-rulesets.js";
import { exampleImpact } from "../diff/example-impact.js";
import { renderDiffMarkdown, renderDiffText } from "../diff/render-diff.js";
import type { CliIO } from "./main.js";

interface DiffOptions {
  oldDir: string;
  newDir: string;
  title: string;
  format: "text" | "markdown";
}

/** `ratecard diff`: what changed between two versions of a rule set, and what it does to every example. */
export function diffCommand(options: DiffOptions, io: CliIO): number {
  const before = loadRuleSetWithFiles(options.oldDir);
  const after = loadRuleSetWithFiles(options.newDir);
  const version = (files: typeof before.files) => ({ root: files.root.doc, modes: files.modes.map((m) => m.doc) });
  const changes = diffRuleSets(version(before.files), version(after.files));
  const impacts = exampleImpact(options.oldDir, before.ruleSet, options.newDir, after.ruleSet);
  const render = options.format === "markdown" ? renderDiffMarkdown : renderDiffText;
  io.stdout(render(options.title, changes, impacts));
  return 0;
}

/** Checks out `dir` as it was at git revision `rev` into a temporary folder named like the rule set. */
export function ruleSetAtRevision(dir: string, rev: string): string {
  const absolute = resolve(dir);
  const top = execFileSync("git", ["-C", absolute, "rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
  const prefix = execFileSync("git", ["-C", absolute, "rev-parse", "--show-prefix"], { encoding: "utf8" }).trim() || ".";
  const archive = execFileSync("git", ["-C", top, "archive", "--format=tar", rev, "--", prefix], { maxBuffer: 256 * 1024 * 1024 });
  const target = mkdtempSync(join(tmpdir(), "ratecard-rev-"));
  execFileSync("tar", ["-x", "-C", target], { input: archive });
  const extracted = join(target, prefix);
  return basename(extracted) === basename(absolute) ? extracted : join(extracted, basename(absolute));
}
