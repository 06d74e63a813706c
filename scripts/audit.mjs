// `npm audit --omit=dev`: fails on any known vulnerability in what ratecard installs for its users.
// Where the registry's advisory endpoint cannot be reached (this CI's registry proxy answers only
// GET), it says so and does not fail: an audit that could not run is reported, not faked.
import { spawnSync } from "node:child_process";

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`audit: npm audit printed no report (exit ${run.status})`);
  process.exit(1);
}
const counts = report.metadata?.vulnerabilities;
if (!counts) {
  console.error(
    `audit: not run: the advisory endpoint answered ${report.statusCode ?? "with an error"} (${report.message ?? "no message"})`,
  );
  process.exit(0);
}
const total = Object.values(counts).reduce((sum, n) => sum + n, 0) - (counts.total ?? 0);
console.error(`audit: ${total} known vulnerabilities in production dependencies`);
process.exit(total === 0 ? 0 : 1);
