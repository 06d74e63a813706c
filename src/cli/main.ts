import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatProblem } from "../errors/format.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { docsCommand, initCommand, validateCommand } from "./authoring-commands.js";
import { checkCommand } from "./check-command.js";
import { UsageError, type CliIO, type Command } from "./command.js";
import { compareCommand, recommendCommand } from "./decide-command.js";
import { diffCommand } from "./diff-command.js";
import { explainCommand, quoteCommand } from "./quote-command.js";
import { testCommand } from "./test-command.js";
import { HELP } from "./usage-text.js";

export type { CliIO } from "./command.js";

/** Every subcommand, by name. */
const COMMANDS = new Map<string, Command>(
  [quoteCommand, explainCommand, compareCommand, recommendCommand, validateCommand, checkCommand, testCommand, diffCommand, docsCommand, initCommand].map((c) => [c.name, c]),
);

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
      io.stderr(`${error.problems.map(formatProblem).join("\n")}\n`);
      return 1;
    }
    io.stderr(`ratecard: internal error: ${(error as Error).message}\n`);
    return 1;
  }
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(HELP);
    return 2;
  }
  if (name === "-h" || name === "--help" || name === "help") {
    io.stdout(HELP);
    return 0;
  }
  if (name === "-v" || name === "--version") {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const command = COMMANDS.get(name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, strict: true, options: command.options });
  return command.run(values, positionals, io);
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
