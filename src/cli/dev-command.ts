import { existsSync, readdirSync, watch } from "node:fs";
import { join } from "node:path";
import { findRuleSets } from "../api.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { runExamples, type ExampleResult } from "../examples/run-examples.js";
import { lintRuleSet } from "../lint/index.js";
import type { Finding } from "../lint/rule.js";
import { rulesDirArgument, type CliIO, type Command } from "./command.js";
import { ruleSetsIn } from "./rule-sets.js";

/** How `dev` learns of changes and of the end: the process's watcher and Ctrl-C, or a test's. */
export interface DevHooks {
  /** Calls `changed` after files under `dir` change (once for a burst of saves). */
  watch(dir: string, changed: () => void): { close(): void };
  /** Resolves when the user asks to stop. */
  stopped: Promise<void>;
}

/** `ratecard dev [RULES_DIR]`: validate, check and test on every save, printing only what changed. */
export const devCommand: Command = {
  name: "dev",
  options: {},
  run: (_values, positionals, io) =>
    runDev(rulesDirArgument(positionals, "dev", existsSync("rules") ? "rules" : "."), io, processHooks()),
};

/** One run's findings and failing examples, each as the line that reports it. */
type Report = { lines: string[]; summary: string };

export async function runDev(dir: string, io: CliIO, hooks: DevHooks): Promise<number> {
  ruleSetsIn(dir); // a coded problem when there is none
  let last: Report;
  const watcher = hooks.watch(dir, () => {
    const next = report(dir);
    const before = new Set(last.lines);
    const after = new Set(next.lines);
    const changes = [
      ...last.lines.filter((line) => !after.has(line)).map((line) => `- ${line}`),
      ...next.lines.filter((line) => !before.has(line)).map((line) => `+ ${line}`),
    ];
    io.stdout(`${[...changes, changes.length ? next.summary : `no change: ${next.summary}`].join("\n")}\n`);
    last = next;
  });
  last = report(dir);
  io.stdout(`${[...last.lines, last.summary].join("\n")}\nwatching ${dir} for changes (Ctrl-C to stop)\n`);
  await hooks.stopped;
  watcher.close();
  return 0;
}

/** Validate and check every rule set under `dir`; when a rule set is valid, its examples too. */
function report(dir: string): Report {
  const started = performance.now();
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let passed = 0;
  let failed = 0;
  for (const ruleSet of findRuleSets(dir)) {
    const findings = lintRuleSet(ruleSet);
    lines.push(...findings.map(findingLine));
    const invalid = findings.filter((finding) => finding.severity === "error").length;
    errors += invalid;
    warnings += findings.length - invalid;
    for (const result of examplesOf(ruleSet)) {
      if (result.ok) passed++;
      else {
        failed++;
        lines.push(
          ...result.mismatches.map((m) => `FAIL  ${result.file}  ${m.what}: expected ${m.expected}, got ${m.actual}`),
        );
      }
    }
  }
  // eslint-disable-next-line ratecard/no-float-money -- milliseconds for the user, not money
  const took = Math.round(performance.now() - started);
  return {
    lines,
    summary: `${plural(errors, "error")}, ${plural(warnings, "warning")}; examples: ${passed} passed, ${failed} failed (${took} ms)`,
  };
}

/** The examples' results, or none when the rule set does not load (its problems are findings already). */
function examplesOf(ruleSet: string): ExampleResult[] {
  try {
    return runExamples(ruleSet);
  } catch (error) {
    if (error instanceof RatecardError) return [];
    throw error;
  }
}

function findingLine(finding: Finding): string {
  const where = finding.source ? `${finding.source.file}:${finding.source.line}:${finding.source.col}  ` : "";
  return `${where}${finding.severity}  ${finding.rule}  ${finding.message}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * fs.watch on the folder and each folder under it, saves within 100 ms taken as one; Ctrl-C stops.
 * One watcher per folder, set up before the first report: Node 20's recursive watch on Linux
 * walks the tree in the background, and a save made meanwhile was missed.
 */
function processHooks(): DevHooks {
  return {
    watch(dir, changed) {
      let timer: NodeJS.Timeout | undefined;
      const watchers = foldersUnder(dir).map((folder) =>
        watch(folder, () => {
          clearTimeout(timer);
          timer = setTimeout(changed, 100);
        }),
      );
      return {
        close() {
          clearTimeout(timer);
          for (const watcher of watchers) watcher.close();
        },
      };
    },
    stopped: new Promise((resolve) => process.once("SIGINT", () => resolve())),
  };
}

/** `dir` and the folders under it, at most 200 (a rule set has a handful), symbolic links not followed. */
function foldersUnder(dir: string): string[] {
  const folders = [dir];
  for (let i = 0; i < folders.length && folders.length < 200; i++) {
    for (const entry of readdirSync(folders[i]!, { withFileTypes: true }))
      if (entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith("."))
        folders.push(join(folders[i]!, entry.name));
  }
  return folders.slice(0, 200);
}
