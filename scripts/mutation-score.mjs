// Mutation score per folder from Stryker's JSON reports (by default reports/mutation/mutation.json,
// written by `npm run mutate`; several reports of different files may be given), and the share
// killed first by a test other than test/mutants-*.test.ts: those run first
// (vitest.stryker.config.ts) and Stryker stops at the first kill, so that column is a lower bound
// of what the rest of the suite kills on its own.
import { readFileSync } from "node:fs";

const reports = (process.argv.length > 2 ? process.argv.slice(2) : ["reports/mutation/mutation.json"]).map((file) =>
  JSON.parse(readFileSync(file, "utf8")),
);
const MUTANTS_TEST = /(^|\/)test\/mutants-[^/]+\.test\.ts$/;

const rows = new Map();
for (const report of reports) {
  // Test ids are the report's own.
  const testFile = new Map();
  for (const [file, { tests }] of Object.entries(report.testFiles ?? {}))
    for (const test of tests) testFile.set(test.id, file);
  const byMutantsTests = (mutant) =>
    (mutant.killedBy ?? []).length > 0 && mutant.killedBy.every((id) => MUTANTS_TEST.test(testFile.get(id) ?? ""));
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = file.split("/").slice(0, 2).join("/");
    const row = rows.get(folder) ?? {
      mutants: 0,
      ignored: 0,
      killed: 0,
      timeout: 0,
      survived: 0,
      noCoverage: 0,
      errors: 0,
      byMutantsTests: 0,
    };
    rows.set(folder, row);
    for (const mutant of mutants) {
      row.mutants++;
      if (mutant.status === "Ignored") row.ignored++;
      else if (mutant.status === "Killed") row.killed++;
      else if (mutant.status === "Timeout") row.timeout++;
      else if (mutant.status === "Survived") row.survived++;
      else if (mutant.status === "NoCoverage") row.noCoverage++;
      else row.errors++;
      if (mutant.status === "Killed" && byMutantsTests(mutant)) row.byMutantsTests++;
    }
  }
}
const percent = (part, whole) => (whole ? ((100 * part) / whole).toFixed(1) : "-");
const total = {
  mutants: 0,
  ignored: 0,
  killed: 0,
  timeout: 0,
  survived: 0,
  noCoverage: 0,
  errors: 0,
  byMutantsTests: 0,
};
console.log(
  "folder          mutants  ignored  killed  timeout  survived  no-cov  score%  not first killed by mutants-*%",
);
for (const [folder, row] of [...[...rows].sort(), ["all", total]]) {
  if (folder !== "all") for (const key of Object.keys(total)) total[key] += row[key];
  const detected = row.killed + row.timeout;
  const valid = detected + row.survived + row.noCoverage;
  console.log(
    [folder.padEnd(14), row.mutants, row.ignored, row.killed, row.timeout, row.survived, row.noCoverage]
      .map((v, i) => (i ? String(v).padStart(8) : v))
      .join(" "),
    percent(detected, valid).padStart(7),
    percent(detected - row.byMutantsTests, valid).padStart(37),
  );
}
