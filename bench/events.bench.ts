/**
 * Events at scale: 10,000,000 generated events for 100,000 customers (a Parquet file written by
 * DuckDB), metered and priced by `ratecard bill` (the built CLI, one run), then checked: every
 * customer's total equals the library's quote of the usage document `meterEvents` gives. Prints
 * events/s. Run with `npm run bench` (BENCH_EVENTS and BENCH_CUSTOMERS change the size).
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { loadRuleSet, quote } from "../src/index.js";
import { meterEvents } from "../src/meter/run-meter.js";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const root = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "ratecard-events-bench-"));
const file = join(dir, "events.parquet");
const count = (n: number) => n.toLocaleString("en-US");

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

// 1. One run of the CLI: meter and bill.
const started = performance.now();
const bill = spawn(process.execPath, [join(root, "bin", "ratecard.js"), "bill", "--events", file, "--period", "2026-10", "--ruleset", "example-api", "--lean"], { stdio: ["ignore", "pipe", "pipe"] });
let stderr = "";
bill.stderr.on("data", (data: Buffer) => (stderr += String(data)));
let peakRss = 0;
const sampler = setInterval(() => {
  try {
    const status = readStatus(bill.pid!);
    peakRss = Math.max(peakRss, status);
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
const seconds = (performance.now() - started) / 1000;
console.log(stderr.trim());
console.log(`bill: ${count(EVENTS)} events, ${count(totals.size)} customers in ${seconds.toFixed(1)} s (${count(Math.round(EVENTS / seconds))} events/s), peak RSS ${Math.round(peakRss / 1024)} MB`);

// 2. The same documents through the library: every total must be the bill's.
const api = loadRuleSet(join(root, "rules", "example-api"));
const run = await meterEvents(api, { events: file, period: "2026-10" });
let checked = 0;
for await (const document of run.documents) {
  const expected = quote(api, document).total;
  if (totals.get(document.customer!) !== expected) throw new Error(`customer ${document.customer}: bill says ${totals.get(document.customer!)}, the library ${expected}`);
  checked++;
}
if (checked !== totals.size) throw new Error(`bill priced ${totals.size} customers, metering gives ${checked}`);
console.log(`checked: ${count(checked)} totals equal the library's quotes`);

/** Resident memory of a process in kB, from /proc (Linux). */
function readStatus(pid: number): number {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? 0);
}
