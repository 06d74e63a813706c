import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { loadRuleSetWithFiles } from "../api.js";
import { diffRuleSets } from "../diff/diff-rulesets.js";
import { exampleImpact } from "../diff/example-impact.js";
import { renderDiffMarkdown, renderDiffText } from "../diff/render-diff.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { clip } from "../guard/clip.js";
import { readSource } from "../load/read-source.js";
import { choice, UsageError, type CliIO, type Command } from "./command.js";

interface DiffOptions {
  oldDir: string;
  newDir: string;
  title: string;
  format: "text" | "markdown";
}

/** `ratecard diff [--format text|markdown] OLD NEW` or `--git REV DIR`. */
export const diffCommand: Command = {
  name: "diff",
  options: { git: { type: "string" }, format: { type: "string", default: "text" } },
  run(values, positionals, io) {
    const format = choice(values.format, ["text", "markdown"], "--format");
    const rev = values.git as string | undefined;
    if (rev !== undefined) {
      if (positionals.length !== 1) throw new UsageError("diff --git REV takes one rule-set folder");
      const dir = positionals[0]!;
      return diff({ oldDir: gitCheckout(dir, rev), newDir: dir, title: `${dir} since ${rev}`, format }, io);
    }
    if (positionals.length !== 2)
      throw new UsageError("diff takes two rule-set folders, OLD and NEW (or --git REV DIR)");
    const [oldDir, newDir] = positionals as [string, string];
    return diff({ oldDir, newDir, title: `${oldDir} → ${newDir}`, format }, io);
  },
};

/** What changed between two versions of a rule set, and what it does to every example. */
function diff(options: DiffOptions, io: CliIO): number {
  const before = loadRuleSetWithFiles(namedAfterId(options.oldDir));
  const after = loadRuleSetWithFiles(namedAfterId(options.newDir));
  const version = (files: typeof before.files) => ({ root: files.root.doc, modes: files.modes.map((m) => m.doc) });
  const changes = diffRuleSets(version(before.files), version(after.files));
  const impacts = exampleImpact(options.oldDir, before.ruleSet, options.newDir, after.ruleSet);
  const render = options.format === "markdown" ? renderDiffMarkdown : renderDiffText;
  io.stdout(render(options.title, changes, impacts));
  return 0;
}

function gitCheckout(dir: string, rev: string): string {
  // A revision is never an option: `--output=…` would make git write a file.
  if (!/^[^-\s][^\s]{0,254}$/.test(rev))
    throw new UsageError(`--git takes a git revision such as HEAD, HEAD~1, a tag or a commit, not "${clip(rev)}"`);
  const absolute = resolve(dir);
  const top = git(
    absolute,
    ["rev-parse", "--show-toplevel"],
    () =>
      `${dir} is not in a git repository (or git is not installed); compare two folders with: ratecard diff OLD NEW`,
  );
  const commit = git(
    top,
    ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`],
    () => `${dir} is not in git revision ${rev}: no commit of its repository is named so`,
  );
  return ruleSetAtCommit(dir, rev, top, commit);
}

/** Standard output of a git command, its standard error kept from the user; a coded problem when it fails. */
function git(cwd: string, args: string[], failure: () => string): string {
  try {
    return execFileSync("git", ["-C", cwd, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch {
    throw new RatecardError([{ code: "file.unreadable", message: failure(), path: [] }]);
  }
}

/**
 * A rule-set folder must be named after its id; an old copy kept as `old/` or `v1/` is loaded
 * from a temporary copy that is, so that any two versions can be compared.
 */
function namedAfterId(dir: string): string {
  const root = readSource(join(dir, "ruleset.yaml"));
  const id = (root.doc?.data as { id?: unknown } | undefined)?.id;
  if (typeof id !== "string" || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id) || basename(resolve(dir)) === id) return dir;
  const copy = join(mkdtempSync(join(tmpdir(), "ratecard-diff-")), id);
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** Checks out `dir` as it was at `commit` into a temporary folder named like the rule set. */
function ruleSetAtCommit(dir: string, rev: string, top: string, commit: string): string {
  const absolute = resolve(dir);
  const prefix = git(absolute, ["rev-parse", "--show-prefix"], () => `cannot find ${dir} in its git repository`) || ".";
  let archive: Buffer;
  try {
    archive = execFileSync("git", ["-C", top, "archive", "--format=tar", commit, "--", prefix], {
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    const message = `${dir} is not in git revision ${rev} (not committed there yet?); commit it first, or compare two folders with: ratecard diff OLD NEW`;
    throw new RatecardError([{ code: "file.unreadable", message, path: [] }]);
  }
  const target = mkdtempSync(join(tmpdir(), "ratecard-rev-"));
  execFileSync("tar", ["-x", "-C", target], { input: archive, stdio: ["pipe", "ignore", "pipe"] });
  const extracted = join(target, prefix);
  return basename(extracted) === basename(absolute) ? extracted : join(extracted, basename(absolute));
}
