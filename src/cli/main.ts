import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { BUNDLED_RULES_DIR, findRuleSets, validateRuleSet } from "../api.js";
import { formatProblem } from "../errors/format.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { checkCommand } from "./check-command.js";
import { generateDocs } from "../docs/generate-docs.js";
import { decideCommand } from "./decide-command.js";
import { diffCommand, ruleSetAtRevision } from "./diff-command.js";
import { initRuleSet } from "../scaffold/init-ruleset.js";
import { quoteCommand } from "./quote-command.js";
import { testCommand } from "./test-command.js";
import { HELP } from "./usage-text.js";

/** What the CLI reads and writes; the bin passes the process's, tests pass their own. */
export interface CliIO {
  /** All of standard input, for `-` as a file name. */
  readStdin(): Promise<string>;
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
}

class UsageError extends Error {}

/** The whole CLI as a function of argv and IO; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`ratecard: ${(error as Error).message}\nRun 'ratecard --help' for usage.\n`);
      return 2;
    }
    if (error instanceof RatecardError) {
      io.stderr(error.problems.map(formatProblem).join("\n") + "\n");
      return 1;
    }
    io.stderr(`ratecard: internal error: ${(error as Error).message}\n`);
    return 1;
  }
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(HELP);
    return 2;
  }
  if (command === "-h" || command === "--help" || command === "help") {
    io.stdout(HELP);
    return 0;
  }
  if (command === "-v" || command === "--version") {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (command === "validate") return validateCommand(rest, io);
  if (command === "check") {
    const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: { format: { type: "string", default: "text" } } });
    if (positionals.length > 1) throw new UsageError("check takes at most one rules directory");
    if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json, not "${values.format}"`);
    return checkCommand(positionals[0] ?? BUNDLED_RULES_DIR, values.format, io);
  }
  if (command === "diff") {
    const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: { git: { type: "string" }, format: { type: "string", default: "text" } } });
    if (values.format !== "text" && values.format !== "markdown") throw new UsageError(`--format must be text or markdown, not "${values.format}"`);
    if (values.git !== undefined) {
      if (positionals.length !== 1) throw new UsageError("diff --git REV takes one rule-set folder");
      const dir = positionals[0]!;
      return diffCommand({ oldDir: gitCheckout(dir, values.git), newDir: dir, title: `${dir} since ${values.git}`, format: values.format }, io);
    }
    if (positionals.length !== 2) throw new UsageError("diff takes two rule-set folders, OLD and NEW (or --git REV DIR)");
    const [oldDir, newDir] = positionals as [string, string];
    return diffCommand({ oldDir, newDir, title: `${oldDir} → ${newDir}`, format: values.format }, io);
  }
  if (command === "init") {
    const { positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new UsageError("init takes the folder of the new rule set");
    try {
      const written = initRuleSet(positionals[0]!);
      io.stdout(`${written.map((file) => `wrote ${file}`).join("\n")}\nnext: ratecard check ${positionals[0]} && ratecard test ${positionals[0]}\n`);
      return 0;
    } catch (error) {
      io.stderr(`ratecard: ${(error as Error).message}\n`);
      return 1;
    }
  }
  if (command === "docs") {
    const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: { rules: { type: "string" }, out: { type: "string" }, month: { type: "string" } } });
    if (positionals.length || !values.out) throw new UsageError("docs takes --out DIR (and optionally --rules DIR, --month YYYY-MM for the calculator's default month)");
    const written = generateDocs(values.rules ?? BUNDLED_RULES_DIR, values.out, values.month);
    io.stdout(`${written.map((file) => `wrote ${file}`).join("\n")}\n`);
    return 0;
  }
  if (command === "test") {
    const { positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: {} });
    if (positionals.length > 1) throw new UsageError("test takes at most one rules directory");
    return testCommand(positionals[0] ?? BUNDLED_RULES_DIR, io);
  }
  if (command === "compare" || command === "recommend") {
    const { values, positionals } = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: { rules: { type: "string" }, format: { type: "string", default: "table" }, need: { type: "string", multiple: true } },
    });
    if (positionals.length !== 1) throw new UsageError(`${command} takes one usage file (or - for standard input)`);
    if (values.format !== "table" && values.format !== "json") throw new UsageError(`--format must be table or json, not "${values.format}"`);
    if (command === "recommend" && !values.need?.length) throw new UsageError("recommend needs at least one --need KEY>=VALUE");
    return decideCommand({ command, file: positionals[0]!, rulesDir: values.rules ?? BUNDLED_RULES_DIR, format: values.format, needs: values.need ?? [] }, io);
  }
  if (command === "quote" || command === "explain") {
    const { values, positionals } = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: { rules: { type: "string" }, ...(command === "quote" ? { format: { type: "string", default: "table" } } : {}) },
    });
    const format = command === "explain" ? "explain" : values.format;
    if (positionals.length !== 1) throw new UsageError(`${command} takes one usage file (or - for standard input)`);
    if (format !== "table" && format !== "json" && format !== "explain") throw new UsageError(`--format must be table or json, not "${String(format)}"`);
    return quoteCommand({ file: positionals[0]!, rulesDir: values.rules ?? BUNDLED_RULES_DIR, format }, io);
  }
  throw new UsageError(`unknown command "${command}"`);
}

function validateCommand(args: string[], io: CliIO): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new UsageError("validate takes at most one rules directory");
  const dir = positionals[0] ?? BUNDLED_RULES_DIR;
  const ruleSets = findRuleSets(dir);
  if (ruleSets.length === 0) {
    io.stderr(`${dir}: no rule set here (a rule set is a folder with ruleset.yaml)\n`);
    return 1;
  }
  let failed = false;
  for (const ruleSet of ruleSets) {
    const problems = validateRuleSet(ruleSet);
    if (problems.length) {
      failed = true;
      io.stderr(problems.map(formatProblem).join("\n") + "\n");
      io.stderr(`${ruleSet}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n`);
    } else {
      io.stdout(`${ruleSet}: valid\n`);
    }
  }
  return failed ? 1 : 0;
}

function gitCheckout(dir: string, rev: string): string {
  try {
    return ruleSetAtRevision(dir, rev);
  } catch (error) {
    const detail = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim().split("\n")[0];
    throw new RatecardError([{ code: "file.unreadable", message: `cannot read ${dir} at git revision ${rev}: ${detail}`, path: [] }]);
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
