import { BUNDLED_RULES_DIR } from "../api.js";
import { runExamples, type ExampleResult } from "../examples/run-examples.js";
import { updateExample } from "../examples/update-example.js";
import { ruleSetsIn } from "./rule-sets.js";
import { rulesDirArgument, type CliIO, type Command } from "./command.js";

/**
 * `ratecard test [--update] [RULES_DIR]`: every example of every rule set, with a readable diff for
 * each mismatch; `--update` rewrites the `expect:` of the failing ones to what the rules now give.
 */
export const testCommand: Command = {
  name: "test",
  options: { update: { type: "boolean", default: false } },
  run: (values, positionals, io) =>
    runTests(rulesDirArgument(positionals, "test", BUNDLED_RULES_DIR), values.update === true, io),
};

function runTests(dir: string, update: boolean, io: CliIO): number {
  const ruleSets = ruleSetsIn(dir);
  let passed = 0;
  let failed = 0;
  let updates = 0;
  for (const ruleSet of ruleSets) {
    for (const result of runExamples(ruleSet)) {
      if (result.ok) {
        passed++;
        io.stdout(
          `ok    ${result.file}  ${result.total === undefined ? `refused with ${result.refusedWith}` : `total ${result.total}`}\n`,
        );
        continue;
      }
      if (update && updated(result, io)) {
        updates++;
        continue;
      }
      failed++;
      io.stdout(`FAIL  ${result.file}\n`);
      const width = Math.max(...result.mismatches.map((m) => m.what.length));
      for (const m of result.mismatches)
        io.stdout(
          `        ${m.what.padEnd(width)}  expected ${m.expected}\n        ${" ".repeat(width)}       got ${m.actual}\n`,
        );
    }
  }
  io.stdout(`${passed} passed, ${update ? `${updates} updated, ` : ""}${failed} failed\n`);
  return failed ? 1 : 0;
}

/** Rewrites a failing example's `expect:` and says what changed; false when it cannot (the file does not parse). */
function updated(result: ExampleResult, io: CliIO): boolean {
  const changes = updateExample(result);
  if (!changes.length) return false;
  io.stdout(`UPDATED  ${result.file}\n`);
  const width = Math.max(...changes.map((change) => change.what.length));
  for (const change of changes) io.stdout(`        ${change.what.padEnd(width)}  ${change.from} → ${change.to}\n`);
  return true;
}
