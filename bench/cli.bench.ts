/**
 * CLI figures as ratios measured in one run: start-up against a bare `node -e 0` (medians), and
 * `quote --batch` throughput against a plain JSON parse + stringify passthrough of the same
 * records, with the CPU time of each run beside its wall time (the machine is shared, so a 2-job
 * figure on the wall clock depends on what else runs). Needs the built package (npm run build).
 * Run with `npm run bench`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { proDocuments } from "./documents.js";
import { perSecond, printRow, type RowId } from "./rows.js";

const root = join(import.meta.dirname, "..");
const bin = join(root, "bin", "ratecard.js");
const example = join(root, "examples", "tencent-im-pro.yaml");
const RUNS = 9;
const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const BATCH_RUNS = 3;

/** CPU seconds (user and system) of this process's finished children, from /proc (Linux). */
function childrenCpu(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface Timing {
  wall: number;
  cpu: number;
}

function timed(args: string[]): Timing {
  const cpu = childrenCpu();
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`${args.join(" ")}: exit ${run.status}: ${run.stderr.toString()}`);
  return { wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: childrenCpu() - cpu };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Each command's median wall and CPU time over `runs` rounds. The commands take turns within a
 * round, so a slow spell of a shared machine slows all of them alike instead of one, and the
 * ratios hold.
 */
function interleaved(commands: string[][], runs: number): Timing[] {
  const times = commands.map(() => [] as Timing[]);
  for (let round = 0; round < runs; round++) commands.forEach((args, i) => times[i]!.push(timed(args)));
  return times.map((runs) => ({ wall: median(runs.map((t) => t.wall)), cpu: median(runs.map((t) => t.cpu)) }));
}

const starts: [RowId | undefined, string[]][] = [
  ["startVersion", ["--version"]],
  ["startHelp", ["--help"]],
  ["startQuote", ["quote", example]],
  ["startQuoteLean", ["quote", "--format", "json", "--lean", example]],
  [undefined, ["validate"]],
];
const [base, ...startTimes] = interleaved([["-e", "0"], ...starts.map(([, args]) => [bin, ...args])], RUNS);
console.log(
  `CLI start, median of ${RUNS} interleaved runs: node -e 0 = ${base!.wall.toFixed(3)} s (cpu ${base!.cpu.toFixed(3)} s)`,
);
starts.forEach(([, args], i) => {
  const { wall, cpu } = startTimes[i]!;
  const shown = args.map((a) => a.replace(root + "/", "")).join(" ");
  console.log(
    `  ratecard ${shown.padEnd(58)} ${wall.toFixed(3)} s  ${(wall / base!.wall).toFixed(2)}×  (cpu ${cpu.toFixed(3)} s, ${(cpu / base!.cpu).toFixed(2)}×)`,
  );
});
console.log("ratios:");
starts.forEach(([id], i) => {
  if (id)
    printRow(id, `${startTimes[i]!.wall.toFixed(3)} s / ${base!.wall.toFixed(3)} s`, startTimes[i]!.wall / base!.wall);
});

const dir = mkdtempSync(join(tmpdir(), "ratecard-bench-"));
const input = join(dir, "records.ndjson");
const docs = proDocuments(1_000);
writeFileSync(
  input,
  `${Array.from({ length: RECORDS }, (_, i) => JSON.stringify(docs[i % docs.length])).join("\n")}\n`,
);
const passthrough = join(dir, "passthrough.mjs");
writeFileSync(
  passthrough,
  `import { createReadStream } from "node:fs"; import { createInterface } from "node:readline";
let out = ""; for await (const line of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) { out += JSON.stringify(JSON.parse(line)) + "\\n"; if (out.length > 1 << 20) { process.stdout.write(out); out = ""; } } process.stdout.write(out);`,
);
const batches = ["1", String(availableParallelism())].flatMap((jobs) => [true, false].map((lean) => ({ jobs, lean })));
const [plain, ...batchTimes] = interleaved(
  [
    [passthrough, input],
    ...batches.map(({ jobs, lean }) => [bin, "quote", "--batch", input, "--jobs", jobs, ...(lean ? ["--lean"] : [])]),
  ],
  BATCH_RUNS,
);
const rate = (seconds: number) =>
  Math.round(RECORDS / seconds)
    .toLocaleString("en-US")
    .padStart(10);
console.log(
  `\nbatch, ${RECORDS.toLocaleString("en-US")} records, median of ${BATCH_RUNS} interleaved runs (${cpus()[0]?.model ?? "cpu"}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}, Node ${process.versions.node}):`,
);
console.log(
  `  JSON parse + stringify passthrough ${rate(plain!.wall)} records/s  (cpu ${rate(plain!.cpu)} records per CPU second)`,
);
batches.forEach(({ jobs, lean }, i) => {
  const { wall, cpu } = batchTimes[i]!;
  console.log(
    `  quote --batch --jobs ${jobs}${lean ? " --lean" : "       "}       ${rate(wall)} records/s  ${(plain!.wall / wall).toFixed(2)} of passthrough  (cpu ${rate(cpu)} records per CPU second)`,
  );
});
const [lean1, , lean2] = batchTimes as [Timing, Timing, Timing, Timing];
console.log("ratios:");
printRow("batchLean", perSecond(RECORDS / lean1.wall, "records"), plain!.wall / lean1.wall);
printRow("batchScaling", `${perSecond(RECORDS / lean2.wall, "records")} with 2 jobs`, lean1.wall / lean2.wall);
printRow(
  "batchScalingCpu",
  `${((lean1.cpu / RECORDS) * 1e6).toFixed(1)} / ${((lean2.cpu / RECORDS) * 1e6).toFixed(1)} µs CPU a record`,
  lean1.cpu / lean2.cpu,
);
