/**
 * Catalog scale: `check` (validation and every lint rule) on generated catalogs, each dimension
 * grown from the base (10 add-ons, 3 editions, 10 meters) to 10× and 100× with the others at
 * base, and a large catalog at once; `compare` on a 120-month forecast of daily values. Each
 * figure is printed beside its target as a row of README's speed table (bench/rows.ts). Run
 * with `npm run bench`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { compare, loadRuleSet } from "../src/index.js";
import { lintRuleSet } from "../src/lint/index.js";
import { BASE_CATALOG, forecastDocument, generateCatalog, type CatalogSize } from "./catalog.js";
import { printRow } from "./rows.js";

const scratch = mkdtempSync(join(tmpdir(), "ratecard-catalog-bench-"));
const LARGE: CatalogSize = { addons: 2_000, editions: 50, meters: 200 };

function written(size: CatalogSize): string {
  const dir = join(scratch, `${size.addons}-${size.editions}-${size.meters}`, "generated");
  for (const [path, text] of Object.entries(generateCatalog("generated", size))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/**
 * Mean wall-clock and CPU seconds a call, over calls adding up to at least a CPU second (at least
 * `runs`). The targets are judged on CPU time: on a shared machine the wall clock also counts the
 * other processes' turns (the load average is printed), and the library runs on one thread. A
 * mean over a second, not a median of three: a call of 20 ms either meets a major garbage
 * collection or not, which moved the 100-meter figure by 2× from run to run; averaged, each call
 * pays its share of collection, as in an editor running check on every save.
 */
function timed(run: () => unknown, runs: number): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const spent = () => {
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1e6;
  };
  let calls = 0;
  while (calls < runs || spent() < 1) {
    run();
    calls++;
  }
  const used = spent();
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  return { wall: wall / calls, cpu: used / calls };
}

const seconds = ({ wall, cpu }: { wall: number; cpu: number }) =>
  `${wall.toFixed(3).padStart(7)} s (cpu ${cpu.toFixed(3)} s)`;

function check(size: CatalogSize): { wall: number; cpu: number } {
  const dir = written(size);
  const findings = lintRuleSet(dir);
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length)
    throw new Error(`the generated catalog ${JSON.stringify(size)} does not pass check: ${errors[0]!.message}`);
  return timed(() => lintRuleSet(dir), 3);
}

console.log(
  `check on generated catalogs (base: ${BASE_CATALOG.addons} add-ons, ${BASE_CATALOG.editions} editions, ${BASE_CATALOG.meters} meters; mean a call over at least a CPU second; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores):`,
);
/** `check`'s CPU time with one dimension at 1×, 10× and 100× its base (each line printed), and the growth from 10× to 100×. */
function grown(dimension: "addons" | "editions" | "meters"): { figure: string; growth: number } {
  const base = BASE_CATALOG[dimension];
  const rows = [1, 10, 100].map((times) => ({
    times,
    n: base * times,
    time: check({ ...BASE_CATALOG, [dimension]: base * times }),
  }));
  for (const { times, n, time } of rows)
    console.log(`  ${dimension.padEnd(8)} ${`${times}×`.padStart(4)} (${String(n).padStart(4)})  ${seconds(time)}`);
  // From 10× to 100×, where fixed costs no longer hide the growth (its target: n log n).
  return {
    figure: rows.map(({ time }) => time.cpu.toFixed(3)).join(" / ") + " s",
    growth: rows[2]!.time.cpu / rows[1]!.time.cpu,
  };
}

const addons = grown("addons");
const editions = grown("editions");
const meters = grown("meters");
const large = check(LARGE);
const tencent = loadRuleSet(join(import.meta.dirname, "..", "rules", "tencent-im"));
const forecast = forecastDocument(120);
const comparison = compare(tencent, forecast);
const compared = timed(() => compare(tencent, forecast), 3);
console.log(
  `  large catalog ${seconds(large)}; compare (${comparison.options.length} options, ${comparison.breakEvens.length} break-evens) ${seconds(compared)}`,
);
printRow("checkAddons", addons.figure, addons.growth);
printRow("checkEditions", editions.figure, editions.growth);
printRow("checkMeters", meters.figure, meters.growth);
printRow("checkLarge", `${large.cpu.toFixed(3)} s (wall ${large.wall.toFixed(3)} s)`, large.cpu);
printRow("compareForecast", `${compared.cpu.toFixed(3)} s (wall ${compared.wall.toFixed(3)} s)`, compared.cpu);
rmSync(scratch, { recursive: true, force: true });
