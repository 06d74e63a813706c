/**
 * CLI figures as ratios measured in one run: start-up against a bare `node -e 0` (medians), and
 * `quote --batch` throughput against a plain JSON parse + stringify passthrough of the same
 * records. Needs the built package (npm run build). Run with `npm run bench`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { proDocuments } from "./documents.js";

const root = join(import.meta.dirname, "..");
const bin = join(root, "bin", "ratecard.js");
const example = join(root, "examples", "tencent-im-pro.yaml");
const RUNS = 9;
const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const BATCH_RUNS = 3;

function seconds(args: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(" ")}: exit ${run.status}: ${run.stderr.toString()}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Each command's median over `runs` rounds. The commands take turns within a round, so a slow
 * spell of a shared machine slows all of them alike instead of one, and the ratios hold.
 */
function interleaved(commands: string[][], runs: number): number[] {
  const times = commands.map(() => [] as number[]);
  for (let round = 0; round < runs; round++) commands.forEach((args, i) => times[i]!.push(seconds(args)));
  return times.map(median);
}

const starts = [["--version"], ["--help"], ["quote", example], ["quote", "--format", "json", "--lean", example], ["validate"]];
const [base, ...startTimes] = interleaved([["-e", "0"], ...starts.map((args) => [bin, ...args])], RUNS);
console.log(`CLI start, median of ${RUNS} interleaved runs: node -e 0 = ${base!.toFixed(3)} s`);
starts.forEach((args, i) => {
  const time = startTimes[i]!;
  const shown = args.map((a) => a.replace(root + "/", "")).join(" ");
  console.log(`  ratecard ${shown.padEnd(58)} ${time.toFixed(3)} s  ${(time / base!).toFixed(2)}×`);
});

const dir = mkdtempSync(join(tmpdir(), "ratecard-bench-"));
const input = join(dir, "records.ndjson");
const docs = proDocuments(1_000);
writeFileSync(input, `${Array.from({ length: RECORDS }, (_, i) => JSON.stringify(docs[i % docs.length])).join("\n")}\n`);
const passthrough = join(dir, "passthrough.mjs");
writeFileSync(
  passthrough,
  `import { createReadStream } from "node:fs"; import { createInterface } from "node:readline";
let out = ""; for await (const line of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) { out += JSON.stringify(JSON.parse(line)) + "\\n"; if (out.length > 1 << 20) { process.stdout.write(out); out = ""; } } process.stdout.write(out);`,
);
const batches = ["1", String(availableParallelism())].flatMap((jobs) => [true, false].map((lean) => ({ jobs, lean })));
const [plain, ...batchTimes] = interleaved([[passthrough, input], ...batches.map(({ jobs, lean }) => [bin, "quote", "--batch", input, "--jobs", jobs, ...(lean ? ["--lean"] : [])])], BATCH_RUNS).map(
  (time) => RECORDS / time,
);
const rate = (perSecond: number) => Math.round(perSecond).toLocaleString("en-US").padStart(10);
console.log(
  `\nbatch, ${RECORDS.toLocaleString("en-US")} records, median of ${BATCH_RUNS} interleaved runs (${cpus()[0]?.model ?? "cpu"}, ${availableParallelism()} cores, Node ${process.versions.node}):`,
);
console.log(`  JSON parse + stringify passthrough ${rate(plain!)} records/s`);
batches.forEach(({ jobs, lean }, i) => {
  const perSecond = batchTimes[i]!;
  console.log(`  quote --batch --jobs ${jobs}${lean ? " --lean" : "       "}       ${rate(perSecond)} records/s  ${(perSecond / plain!).toFixed(2)} of passthrough`);
});
