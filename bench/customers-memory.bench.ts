/**
 * Memory of `meter --customers` and `bill` as the customers file grows: N customers (default
 * 100,000 and 1,000,000), each with terms and one event, metered (and, up to BENCH_BILL_MAX
 * customers, billed) by the built CLI; prints each run's peak resident memory. BENCH_CLI runs
 * another build of ratecard (its bin/ratecard.js) for a before/after; BENCH_MEMORY caps the
 * metering engine (`--memory`); BENCH_METER=off measures `bill` alone. No npm script runs it: after
 * `npm run build`, `node scripts/run-bench.mjs bench/customers-memory.bench.ts`.
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SIZES = (process.env.BENCH_CUSTOMER_SIZES ?? "100000,1000000").split(",").map(Number);
const BILL_MAX = Number(process.env.BENCH_BILL_MAX ?? 100_000);
const METER = process.env.BENCH_METER !== "off";
/** The metering engine's memory cap (`--memory`): past it DuckDB spills, so that the peak stays flat. */
const MEMORY = process.env.BENCH_MEMORY ? ["--memory", process.env.BENCH_MEMORY] : [];
const cliPath = process.env.BENCH_CLI ?? join(import.meta.dirname, "..", "bin", "ratecard.js");
const count = (n: number) => n.toLocaleString("en-US");

for (const customers of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), "ratecard-customers-bench-"));
  const events = join(dir, "events.ndjson");
  const terms = join(dir, "customers.ndjson");
  await writeLines(events, customers, (c) =>
    JSON.stringify({ customer: `c${c}`, type: "api_request", timestamp: "2026-10-05T10:00:00Z" }),
  );
  // The customers file in another order than the documents: the last customer first.
  await writeLines(terms, customers, (c) =>
    JSON.stringify({ customer: `c${customers - 1 - c}`, edition: c % 2 ? "team" : "scale" }),
  );
  const common = [
    "--events",
    events,
    "--period",
    "2026-10",
    "--ruleset",
    "example-api",
    "--customers",
    terms,
    ...MEMORY,
  ];
  const commands: [string, string[]][] = METER ? [["meter --customers", ["meter", ...common]]] : [];
  if (customers <= BILL_MAX) commands.push(["bill", ["bill", ...common, "--lean"]]);
  for (const [name, args] of commands) {
    const { seconds, peakRss, lines } = await measure(args);
    if (lines !== customers) throw new Error(`${name} wrote ${lines} lines for ${customers} customers`);
    console.log(
      `${name}: ${count(customers)} customers, ${count(lines)} lines in ${seconds.toFixed(1)} s, peak RSS ${Math.round(peakRss / 1024)} MB`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}

async function writeLines(file: string, n: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < n; i++) if (!out.write(`${line(i)}\n`)) await once(out, "drain");
  out.end();
  await once(out, "finish");
}

async function measure(args: string[]): Promise<{ seconds: number; peakRss: number; lines: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (data: Buffer) => (stderr = (stderr + String(data)).slice(-2000)));
  let peakRss = 0;
  const sampler = setInterval(() => {
    try {
      peakRss = Math.max(
        peakRss,
        Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0),
      );
    } catch {
      // the process has ended
    }
  }, 100);
  let lines = 0;
  child.stdout.on("data", (data: Buffer) => {
    for (const byte of data) if (byte === 10) lines++;
  });
  const [code] = (await once(child, "close")) as [number];
  clearInterval(sampler);
  // meter and bill exit 0 here: every customer has terms and events.
  if (code !== 0) throw new Error(`${args[0]} exited ${code}: ${stderr}`);
  return { seconds: (performance.now() - started) / 1000, peakRss, lines };
}
