import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { parseArgs } from "node:util";
import { assertMapping, formatProblem, RatecardError, readArgument, refuseArgument } from "../errors/ratecard-error.js";
import { closest } from "../errors/closest.js";
import { UsageError, type CliIO, type Command } from "./command.js";
import { commandHelp, HELP } from "./usage-text.js";

export type { CliIO } from "./command.js";

/** Every subcommand, by name, imported only when it runs: `quote` never loads the docs generator or the linter. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  quote: async () => (await import("./quote-command.js")).quoteCommand,
  explain: async () => (await import("./quote-command.js")).explainCommand,
  compare: async () => (await import("./decide-command.js")).compareCommand,
  recommend: async () => (await import("./decide-command.js")).recommendCommand,
  subscriptions: async () => (await import("./subscriptions-command.js")).subscriptionsCommand,
  validate: async () => (await import("./authoring-commands.js")).validateCommand,
  check: async () => (await import("./check-command.js")).checkCommand,
  test: async () => (await import("./test-command.js")).testCommand,
  dev: async () => (await import("./dev-command.js")).devCommand,
  diff: async () => (await import("./diff-command.js")).diffCommand,
  docs: async () => (await import("./authoring-commands.js")).docsCommand,
  init: async () => (await import("./authoring-commands.js")).initCommand,
  import: async () => (await import("./import-command.js")).importCommand,
  meter: async () => (await import("./meter-command.js")).meterCommand,
  bill: async () => (await import("./bill-command.js")).billCommand,
};

/** The whole CLI as a function of argv and IO; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const args = readArgv(argv);
  io = readIO(io);
  try {
    return await dispatch(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(
        `ratecard: ${error.message}\n${error.message.includes("--help") ? "" : "Run 'ratecard --help' for usage.\n"}`,
      );
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

/** The command line as the caller passed it: a list of strings, copied once. */
function readArgv(argv: unknown): string[] {
  return readArgument("argv", () => {
    if (!Array.isArray(argv) || !argv.every((arg) => typeof arg === "string"))
      refuseArgument("argv must be a list of strings (the command line after the program name)");
    return [...argv] as string[];
  });
}

const IO_FUNCTIONS = ["readStdin", "stdinStream", "stdout", "drained", "stderr"] as const;

/** The caller's IO, checked and read once: each member a function (called on `io`), `interactive` a boolean. */
function readIO(io: unknown): CliIO {
  return readArgument("io", () => {
    assertMapping(io, "io", `a CliIO ({ ${IO_FUNCTIONS.join(", ")}, interactive })`);
    const members = IO_FUNCTIONS.map((name) => {
      const member = io[name];
      if (typeof member !== "function") refuseArgument(`io.${name} must be a function`);
      return [name, (...args: unknown[]) => (member as (...a: unknown[]) => unknown).apply(io, args)] as const;
    });
    if (typeof io.interactive !== "boolean") refuseArgument("io.interactive must be true or false");
    return { ...Object.fromEntries(members), interactive: io.interactive } as unknown as CliIO;
  });
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(HELP);
    return 2;
  }
  if (name === "-h" || name === "--help") {
    io.stdout(HELP);
    return 0;
  }
  if (name === "help") {
    const [topic] = rest;
    if (rest.length > 1) throw new UsageError("help takes one command name, e.g. ratecard help quote");
    if (topic !== undefined) commandLoader(topic);
    io.stdout(topic === undefined ? HELP : commandHelp(topic));
    return 0;
  }
  if (name === "-v" || name === "--version") {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const load = commandLoader(name);
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(commandHelp(name));
    return 0;
  }
  const command = await load();
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], allowPositionals: true, strict: true, options: command.options });
  } catch (error) {
    throw new UsageError(
      `${argumentProblem(error as Error & { code?: string }, command)}; see 'ratecard ${name} --help'`,
    );
  }
  return command.run(parsed.values, parsed.positionals, io);
}

/** The loader of the command `name`, or a usage error that suggests the nearest command. */
function commandLoader(name: string): () => Promise<Command> {
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load) return load;
  const near = closest(name.slice(0, 40), [...Object.keys(COMMANDS), "help"]);
  throw new UsageError(
    `unknown command "${clipped(name)}" (${near ? `did you mean "${near}"?` : `commands: ${Object.keys(COMMANDS).join(", ")}`})`,
  );
}

/** Node's parseArgs messages in this CLI's words, with the nearest option when one was mistyped. */
function argumentProblem(error: Error & { code?: string }, command: Command): string {
  const option = /'(-[^']*)'/.exec(error.message)?.[1];
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) {
    const near = closest(option.replace(/^--?/, "").replace(/=.*/s, "").slice(0, 40), Object.keys(command.options));
    return `unknown option ${clipped(option)}${near ? ` (did you mean --${near}?)` : ""}`;
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option)
    return `option ${option.split(" ")[0]} needs a value`;
  return error.message;
}

function clipped(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };
  return pkg.version;
}
