/**
 * Events at scale: generated events (default 1,000,000 and 10,000,000) for 100,000 customers (a
 * Parquet file written by DuckDB), metered and priced by `ratecard bill` (the built CLI, one run
 * per engine: DuckDB capped at 1 GB and chdb at 2 GB, past which they spill), then checked: every engine gives
 * every customer the same total, and on the smallest size each total equals the library's quote
 * of the usage document `meterEvents` gives. Prints time, events/s and peak memory, how the time
 * per event grows with the events, and on the smallest size `meter` and `bill` against the bare
 * aggregation (the same SQL run by DuckDB alone). Run with
 * `npm run bench:events` (BENCH_SIZES, BENCH_CUSTOMERS and BENCH_ENGINES change it).
 */
import { spawn } from "node:child_process";
import { loadPlan } from "../src/rulesets/load-ruleset.js";
import { createInterface } from "node:readline";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { quote } from "../src/index.js";
import { meterEvents } from "../src/meter/run-meter.js";
import { printRow } from "./rows.js";

const SIZES = (process.env.BENCH_SIZES ?? "1000000,10000000").split(",").map(Number);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const ENGINES = (process.env.BENCH_ENGINES ?? "duckdb,chdb").split(",");
const root = join(import.meta.dirname, "..");
const count = (n: number) => n.toLocaleString("en-US");

/** Per engine, each size's run. */
const measured = new Map<string, Measured[]>(ENGINES.map((engine) => [engine, []]));

for (const [index, EVENTS] of SIZES.entries()) {
  const dir = mkdtempSync(join(tmpdir(), "ratecard-events-bench-"));
  const file = join(dir, "events.parquet");
  await generate(file, EVENTS);
  let reference: Map<string, string> | undefined;
  for (const engine of ENGINES) {
    const { totals, seconds, peakRss, cpuSeconds, stderr } = await bill(file, engine);
    console.log(stderr.trim().split("\n").slice(0, 2).join("\n"));
    console.log(
      `bill on ${engine}: ${count(EVENTS)} events, ${count(totals.size)} customers in ${seconds.toFixed(1)} s (${count(Math.round(EVENTS / seconds))} events/s), peak RSS ${Math.round(peakRss / 1024)} MB, CPU ${cpuSeconds.toFixed(1)} s (load average ${loadavg()[0]!.toFixed(1)})`,
    );
    measured.get(engine)!.push({ events: EVENTS, seconds, peakRss });
    if (!reference) reference = totals;
    else
      for (const [customer, total] of reference)
        if (totals.get(customer) !== total)
          throw new Error(`customer ${customer}: ${ENGINES[0]} bills ${total}, ${engine} ${totals.get(customer)}`);
  }
  if (index === 0) {
    await checkLibrary(file, reference!);
    await againstBareAggregation(file, EVENTS);
  }
  rmSync(dir, { recursive: true, force: true });
}

if (measured.get("duckdb")?.length) printRow("eventsBillDuckdb", ...growth(measured.get("duckdb")!));
if (measured.get("chdb")?.length) printRow("eventsBillChdb", ...growth(measured.get("chdb")!));

interface Measured {
  events: number;
  seconds: number;
  /** kB */
  peakRss: number;
}

/** Each size's time, events/s and peak memory; and the time per event of the largest size over the smallest's (1: linear). */
function growth(runs: Measured[]): [string, number | undefined] {
  const figure = runs
    .map(
      ({ events, seconds, peakRss }) =>
        `${short(events)} ${seconds.toFixed(1)} s, ${short(events / seconds)}/s, ${Math.round(peakRss / 1024)} MB`,
    )
    .join("; ");
  const [first, last] = [runs[0]!, runs.at(-1)!];
  return [figure, runs.length > 1 ? last.seconds / last.events / (first.seconds / first.events) : undefined];
}

function short(n: number): string {
  return n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(Math.round(n));
}

/**
 * `meter` and `bill` (the CLI, DuckDB at 1 GB) against the bare aggregation: the same SQL run by
 * DuckDB in process, its rows read and dropped. Interleaved, twice each; the faster of each kept.
 * The ratio is of wall time; the CPU time of each (all threads) is printed beside it, since the
 * shared machine's load moves wall time more.
 */
async function againstBareAggregation(file: string, EVENTS: number): Promise<void> {
  const args = ["--events", file, "--period", "2026-10", "--ruleset", "example-api", "--memory", "1GB"];
  const none = { seconds: Infinity, cpuSeconds: Infinity };
  const best = { bare: none, meter: none, bill: none };
  const faster = (a: Timing, b: Timing) => (b.seconds < a.seconds ? b : a);
  for (let round = 0; round < 2; round++) {
    best.bare = faster(best.bare, await bareAggregation(file));
    best.meter = faster(best.meter, await timed(["meter", ...args]));
    best.bill = faster(best.bill, await timed(["bill", ...args, "--lean"]));
  }
  const text = (t: Timing) => `${t.seconds.toFixed(2)} s (CPU ${t.cpuSeconds.toFixed(1)} s)`;
  console.log(
    `${count(EVENTS)} events: bare aggregation ${text(best.bare)}, meter ${text(best.meter)}, bill ${text(best.bill)} (load average ${loadavg()[0]!.toFixed(1)})`,
  );
  printRow("eventsMeterVsBare", `${text(best.meter)} / ${text(best.bare)}`, best.meter.seconds / best.bare.seconds);
  printRow("eventsBillVsBare", `${text(best.bill)} / ${text(best.bare)}`, best.bill.seconds / best.bare.seconds);
}

interface Timing {
  seconds: number;
  cpuSeconds: number;
}

/** The metering SQL `meter` runs (setup, outcomes, usage), in a DuckDB of the same settings, every row fetched. */
async function bareAggregation(file: string): Promise<Timing> {
  const api = loadPlan(join(root, "rules", "example-api"));
  const run = await meterEvents(api, { events: file, period: "2026-10" });
  run.close();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const spill = mkdtempSync(join(tmpdir(), "ratecard-bare-"));
  const instance = await DuckDBInstance.create(":memory:", {
    memory_limit: "1GB",
    temp_directory: spill,
    preserve_insertion_order: "false",
  });
  const connection = await instance.connect();
  for (const statement of run.sql.session) await connection.run(statement);
  await connection.run(`CREATE VIEW events AS SELECT * FROM read_parquet('${file}')`);
  for (const statement of run.sql.setup) await connection.run(statement);
  await connection.runAndReadAll(run.sql.outcomes);
  const result = await connection.stream(run.sql.usage);
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk())
    chunk.getRows();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  connection.closeSync();
  instance.closeSync();
  rmSync(spill, { recursive: true, force: true });
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** Wall and CPU seconds of one CLI run, its output dropped (CPU sampled every 50 ms). */
async function timed(args: string[]): Promise<Timing> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, "bin", "ratecard.js"), ...args], { stdio: "ignore" });
  let cpuSeconds = 0;
  const sampler = setInterval(() => {
    try {
      cpuSeconds = readCpuSeconds(child.pid!);
    } catch {
      // the process has ended
    }
  }, 50);
  await new Promise((resolve) => child.on("close", resolve));
  clearInterval(sampler);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds };
}

/** Six event types spread over the month; every customer has events of each. */
async function generate(file: string, EVENTS: number): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  // Six event types spread over the month; every customer has events of each.
  await connection.run(`COPY (
  SELECT 'c' || (i % ${CUSTOMERS}) AS customer,
    CASE (i // ${CUSTOMERS}) % 6 WHEN 0 THEN 'api_request' WHEN 1 THEN 'member_active' WHEN 2 THEN 'storage_snapshot' WHEN 3 THEN 'worker_count' WHEN 4 THEN 'completion' ELSE 'payout' END AS type,
    strftime(TIMESTAMP '2026-10-01' + INTERVAL ((i * 7919) % 2678400) SECOND, '%Y-%m-%dT%H:%M:%SZ') AS timestamp,
    'u' || (i % 13) AS user_id, CAST((i % 997) / 10 AS VARCHAR) AS gb, i % 9 AS workers,
    CASE WHEN i % 2 = 0 THEN 'large' ELSE 'small' END AS model, CASE WHEN i % 3 = 0 THEN 'output' ELSE 'input' END AS direction,
    i % 5000 AS tokens, CAST((i % 100000) / 100 AS VARCHAR) AS amount, 'paid' AS status
  FROM range(${EVENTS}) t(i)) TO '${file}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
}

/** One run of the CLI: meter and bill. */
async function bill(file: string, engine: string) {
  const started = performance.now();
  const memory = ["--memory", engine === "duckdb" ? "1GB" : "2GB"];
  const bill = spawn(
    process.execPath,
    [
      join(root, "bin", "ratecard.js"),
      "bill",
      "--events",
      file,
      "--period",
      "2026-10",
      "--ruleset",
      "example-api",
      "--lean",
      "--engine",
      engine,
      ...memory,
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  bill.stderr.on("data", (data: Buffer) => (stderr += String(data)));
  let peakRss = 0;
  let cpuSeconds = 0;
  const sampler = setInterval(() => {
    try {
      const status = readStatus(bill.pid!);
      peakRss = Math.max(peakRss, status);
      cpuSeconds = readCpuSeconds(bill.pid!);
    } catch {
      // the process has ended
    }
  }, 200);
  const totals = new Map<string, string>();
  for await (const line of createInterface({ input: bill.stdout })) {
    const result = JSON.parse(line) as { customer: string; quote?: { total: string } };
    totals.set(result.customer, result.quote?.total ?? "refused");
  }
  await new Promise((resolve) => bill.on("close", resolve));
  clearInterval(sampler);
  return { totals, seconds: (performance.now() - started) / 1000, peakRss, cpuSeconds, stderr };
}

/** The same documents through the library: every total must be the bill's. */
async function checkLibrary(file: string, totals: Map<string, string>): Promise<void> {
  const api = loadPlan(join(root, "rules", "example-api"));
  const run = await meterEvents(api, { events: file, period: "2026-10" });
  let checked = 0;
  for await (const document of run.documents) {
    const expected = quote(api, document).total;
    if (totals.get(document.customer) !== expected)
      throw new Error(
        `customer ${document.customer}: bill says ${totals.get(document.customer)}, the library ${expected}`,
      );
    checked++;
  }
  if (checked !== totals.size) throw new Error(`bill priced ${totals.size} customers, metering gives ${checked}`);
  console.log(`checked: ${count(checked)} totals equal the library's quotes`);
}

/** CPU time of a process so far (user and system, all its threads), from /proc (Linux): the shared machine's load does not change it much. */
function readCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process in kB, from /proc (Linux). */
function readStatus(pid: number): number {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? 0);
}
