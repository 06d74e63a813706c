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

function seconds(args: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(" ")}: exit ${run.status}: ${run.stderr.toString()}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(args: string[]): number {
  const times = Array.from({ length: RUNS }, () => seconds(args)).sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

const base = median(["-e", "0"]);
console.log(`CLI start, median of ${RUNS}: node -e 0 = ${base.toFixed(3)} s`);
for (const args of [["--version"], ["--help"], ["quote", example], ["quote", "--format", "json", "--lean", example], ["validate"]]) {
  const time = median([bin, ...args]);
  console.log(
    `  ratecard ${args
      .map((a) => a.replace(root + "/", ""))
      .join(" ")
      .padEnd(58)} ${time.toFixed(3)} s  ${(time / base).toFixed(2)}×`,
  );
}

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
const plain = RECORDS / seconds([passthrough, input]);
console.log(`\nbatch, ${RECORDS.toLocaleString("en-US")} records (${cpus()[0]?.model ?? "cpu"}, ${availableParallelism()} cores, Node ${process.versions.node}):`);
console.log(`  JSON parse + stringify passthrough ${Math.round(plain).toLocaleString("en-US").padStart(10)} records/s`);
for (const jobs of ["1", String(availableParallelism())]) {
  for (const lean of [true, false]) {
    const rate = RECORDS / seconds([bin, "quote", "--batch", input, "--jobs", jobs, ...(lean ? ["--lean"] : [])]);
    console.log(`  quote --batch --jobs ${jobs}${lean ? " --lean" : "       "}       ${Math.round(rate).toLocaleString("en-US").padStart(10)} records/s  ${(rate / plain).toFixed(2)} of passthrough`);
  }
}
