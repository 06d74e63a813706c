import { BUNDLED_RULES_DIR } from "../api.js";
import { runExamples } from "../examples/run-examples.js";
import { ruleSetsIn } from "./rule-sets.js";
import { rulesDirArgument, type CliIO, type Command } from "./command.js";

/** `ratecard test [RULES_DIR]`: every example of every rule set, with a readable diff for each mismatch. */
export const testCommand: Command = {
  name: "test",
  options: {},
  run: (_values, positionals, io) => runTests(rulesDirArgument(positionals, "test", BUNDLED_RULES_DIR), io),
};

function runTests(dir: string, io: CliIO): number {
  const ruleSets = ruleSetsIn(dir);
  let passed = 0;
  let failed = 0;
  for (const ruleSet of ruleSets) {
    for (const result of runExamples(ruleSet)) {
      if (result.ok) {
        passed++;
        io.stdout(`ok    ${result.file}  ${result.total === undefined ? `refused with ${result.refusedWith}` : `total ${result.total}`}\n`);
        continue;
      }
      failed++;
      io.stdout(`FAIL  ${result.file}\n`);
      const width = Math.max(...result.mismatches.map((m) => m.what.length));
      for (const m of result.mismatches) io.stdout(`        ${m.what.padEnd(width)}  expected ${m.expected}\n        ${" ".repeat(width)}       got ${m.actual}\n`);
    }
  }
  io.stdout(`${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}
