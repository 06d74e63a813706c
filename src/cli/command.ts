import type { ParseArgsConfig } from "node:util";

/** What the CLI reads and writes; the bin passes the process's, tests pass their own. */
export interface CliIO {
  /** All of standard input, for `-` as a file name. */
  readStdin(): Promise<string>;
  /** Standard input as a stream of bytes, for input read a record at a time. */
  stdinStream(): AsyncIterable<Buffer | string>;
  /** Writes to standard output. */
  stdout(text: string | Uint8Array): void;
  /** Resolves when standard output has taken what was written (backpressure for long outputs). */
  drained(): Promise<void>;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Standard error is a terminal: progress lines may be shown. */
  interactive: boolean;
}

/** A wrong command line: exit 2. */
export class UsageError extends Error {}

export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One subcommand: its options (for node:util parseArgs) and what it does with them. */
export interface Command {
  name: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(values: Values, positionals: string[], io: CliIO): number | Promise<number>;
}

/** The value of a `--format`-like option, checked against what the command accepts. */
export function choice<T extends string>(value: unknown, allowed: readonly T[], flag: string): T {
  if (!allowed.includes(value as T))
    throw new UsageError(`${flag} must be ${allowed.join(" or ")}, not "${String(value)}"`);
  return value as T;
}

/** Exactly one positional argument: the usage file. */
export function oneFile(positionals: string[], command: string): string {
  if (positionals.length !== 1) throw new UsageError(`${command} takes one usage file (or - for standard input)`);
  return positionals[0]!;
}

/** At most one positional argument: a rules directory. */
export function rulesDirArgument(positionals: string[], command: string, fallback: string): string {
  if (positionals.length > 1) throw new UsageError(`${command} takes at most one rules directory`);
  return positionals[0] ?? fallback;
}
