// Mutation testing of only the core files (src/compile, src/evaluate, src/usage, src/money) that
// differ from a git revision (default main), committed or not: `npm run mutate:changed [-- REV]`.
// Its incremental file is its own, so a partial run never replaces the full run's results.
import { execFileSync, spawnSync } from "node:child_process";

const base = process.argv[2] ?? "main";
const since = execFileSync("git", ["merge-base", base, "HEAD"], { encoding: "utf8" }).trim();
const changed = execFileSync(
  "git",
  ["diff", "--name-only", since, "--", "src/compile", "src/evaluate", "src/usage", "src/money"],
  { encoding: "utf8" },
)
  .split("\n")
  .filter((file) => file.endsWith(".ts"));
if (changed.length === 0) {
  console.log(`no change to src/compile, src/evaluate, src/usage or src/money since ${base}`);
  process.exit(0);
}
console.log(`mutating ${changed.length} changed file(s): ${changed.join(", ")}`);
const run = spawnSync(
  "npx",
  ["stryker", "run", "--mutate", changed.join(","), "--incrementalFile", "reports/stryker-incremental-changed.json"],
  { stdio: "inherit" },
);
process.exit(run.status ?? 1);
