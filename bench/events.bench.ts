/**
 * Events at scale: generated events (default 1,000,000 and 10,000,000) for 100,000 customers (a
 * Parquet file written by DuckDB), metered and priced by `ratecard bill` (the built CLI, one run
 * per engine: DuckDB capped at 1 GB and chdb at 2 GB, past which they spill), then checked: every engine gives
 * every customer the same total, and on the smallest size each total equals the library's quote
 * of the usage document `meterEvents` gives. Prints time, events/s and peak memory. Run with
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

const SIZES = (process.env.BENCH_SIZES ?? "1000000,10000000").split(",").map(Number);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const ENGINES = (process.env.BENCH_ENGINES ?? "duckdb,chdb").split(",");
const root = join(import.meta.dirname, "..");
const count = (n: number) => n.toLocaleString("en-US");

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
    if (!reference) reference = totals;
    else
      for (const [customer, total] of reference)
        if (totals.get(customer) !== total)
          throw new Error(`customer ${customer}: ${ENGINES[0]} bills ${total}, ${engine} ${totals.get(customer)}`);
  }
  if (index === 0) await checkLibrary(file, reference!);
  rmSync(dir, { recursive: true, force: true });
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
    if (totals.get(document.customer!) !== expected)
      throw new Error(
        `customer ${document.customer}: bill says ${totals.get(document.customer!)}, the library ${expected}`,
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
