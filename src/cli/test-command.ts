import { findRuleSets } from "../api.js";
import { runExamples } from "../examples/run-examples.js";
import type { CliIO } from "./main.js";

/** `ratecard test`: every example of every rule set, with a readable diff for each mismatch. */
export function testCommand(dir: string, io: CliIO): number {
  const ruleSets = findRuleSets(dir);
  if (ruleSets.length === 0) {
    io.stderr(`${dir}: no rule set here (a rule set is a folder with ruleset.yaml)\n`);
    return 1;
  }
  let passed = 0;
  let failed = 0;
  for (const ruleSet of ruleSets) {
    for (const result of runExamples(ruleSet)) {
      if (result.ok) {
        passed++;
        io.stdout(`ok    ${result.file}  total ${result.total}\n`);
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
