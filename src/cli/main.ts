import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatProblem } from "../errors/format.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { UsageError, type CliIO, type Command } from "./command.js";
import { HELP } from "./usage-text.js";

export type { CliIO } from "./command.js";

/** Every subcommand, by name, imported only when it runs: `quote` never loads the docs generator or the linter. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  quote: async () => (await import("./quote-command.js")).quoteCommand,
  explain: async () => (await import("./quote-command.js")).explainCommand,
  compare: async () => (await import("./decide-command.js")).compareCommand,
  recommend: async () => (await import("./decide-command.js")).recommendCommand,
  validate: async () => (await import("./authoring-commands.js")).validateCommand,
  check: async () => (await import("./check-command.js")).checkCommand,
  test: async () => (await import("./test-command.js")).testCommand,
  diff: async () => (await import("./diff-command.js")).diffCommand,
  docs: async () => (await import("./authoring-commands.js")).docsCommand,
  init: async () => (await import("./authoring-commands.js")).initCommand,
};

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
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) throw new UsageError(`unknown command "${name}"`);
  const command = await load();
  const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, strict: true, options: command.options });
  return command.run(values, positionals, io);
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
