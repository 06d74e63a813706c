import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PACKAGE_ROOT } from "../package-root.js";
import { Worker } from "node:worker_threads";
import { RatecardError } from "../errors/ratecard-error.js";
import { recordPricer, type BatchSettings, type PricedChunk } from "./price-records.js";
import { Totals } from "./totals.js";
import { readChunks, type InputChunk } from "./read-records.js";

/** Where a batch reads and writes. */
export interface BatchIO {
  input: AsyncIterable<Buffer | string>;
  /** Writes results (UTF-8); the batch waits for `drained` before sending more work. */
  write(bytes: Uint8Array): void;
  drained(): Promise<void>;
  /** Progress and the summary. */
  status(text: string): void;
  /** Show a progress line (standard error is a terminal). */
  progress: boolean;
}

/** What a batch did: records = quoted + refused, always (blank lines are not records). */
export interface BatchSummary {
  records: number;
  quoted: number;
  refused: number;
  /** Currency → the sum of the quoted totals, a decimal string. */
  totals: Record<string, string>;
  seconds: number;
}

/** The built worker, bundled (scripts/bundle-cli.mjs): a thread loading ~140 modules one by one took ~250 ms to start. */
const WORKER = pathToFileURL(join(PACKAGE_ROOT, "dist", "cli-bundle", "worker.js"));

/** The default number of worker threads: one per core. */
export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * Prices an NDJSON stream of usage documents, writing one result per record in input order.
 * With more than one job, chunks of records go to worker threads; at most four chunks per worker
 * are in flight and output waits for the slowest, so memory stays flat however long the input.
 */
export async function runBatch(settings: BatchSettings, jobs: number, io: BatchIO): Promise<BatchSummary> {
  const started = process.hrtime.bigint();
  const summary: BatchSummary = { records: 0, quoted: 0, refused: 0, totals: {}, seconds: 0 };
  const totals = new Totals();
  const pool = jobs > 1 ? workerPool(settings, jobs) : inProcess(settings);
  /** The chunks sent to be priced, in input order. */
  const pending: Promise<PricedChunk>[] = [];
  let lastProgress = 0;
  const flush = async (until: number) => {
    for (const priced of pending.splice(0, pending.length - until)) {
      const chunk = await priced;
      io.write(chunk.out);
      summary.records += chunk.quoted + chunk.refused;
      summary.quoted += chunk.quoted;
      summary.refused += chunk.refused;
      totals.merge(chunk.totals);
      await io.drained();
      if (io.progress && Date.now() - lastProgress > 200) {
        lastProgress = Date.now();
        io.status(`\r${(summary.quoted + summary.refused).toLocaleString("en-US")} records priced`);
      }
    }
  };
  try {
    let stopped: RatecardError | undefined;
    try {
      for await (const chunk of readChunks(io.input)) {
        pending.push(pool.price(chunk));
        await flush(pool.inFlight);
      }
    } catch (error) {
      // The input cannot be read on (a line without end): what was read is still priced and written.
      if (!(error instanceof RatecardError)) throw error;
      stopped = error;
    }
    await flush(0);
    if (stopped) throw stopped;
  } finally {
    await pool.close();
  }
  summary.totals = totals.toJSON();
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9; // eslint-disable-line ratecard/no-float-money -- elapsed time, not money
  if (io.progress) io.status("\r\x1b[K");
  return summary;
}

interface Pool {
  price(chunk: InputChunk): Promise<PricedChunk>;
  /** How many chunks may wait for pricing before the reader pauses. */
  inFlight: number;
  close(): Promise<void>;
}

function inProcess(settings: BatchSettings): Pool {
  const price = recordPricer(settings);
  return { price: (chunk) => Promise.resolve(price(chunk)), inFlight: 0, close: () => Promise.resolve() };
}

function workerPool(settings: BatchSettings, jobs: number): Pool {
  if (!existsSync(fileURLToPath(WORKER))) {
    throw new RatecardError([
      {
        code: "api.argument",
        message: "--jobs above 1 needs the built package (npm run build); use --jobs 1 when running from source",
        path: [],
      },
    ]);
  }
  // Each worker with the number of chunks sent to it and not yet back.
  const workers = Array.from({ length: jobs }, () => ({
    worker: new Worker(WORKER, { workerData: settings }),
    queued: 0,
  }));
  const waiting = new Map<number, { resolve: (chunk: PricedChunk) => void; reject: (error: Error) => void }>();
  for (const entry of workers) {
    const { worker } = entry;
    worker.on("message", ({ seq, ...chunk }: PricedChunk & { seq: number }) => {
      entry.queued--;
      waiting.get(seq)?.resolve(chunk);
      waiting.delete(seq);
    });
    worker.on("error", (error) => {
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
    });
  }
  let seq = 0;
  return {
    price(chunk) {
      const id = seq++;
      // To the worker with the fewest chunks queued: one slowed down (a shared core, a rule set
      // loading) gets fewer, instead of holding up the output while the others run dry.
      const idlest = workers.reduce((a, b) => (b.queued < a.queued ? b : a));
      idlest.queued++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        idlest.worker.postMessage({ seq: id, chunk }, ownMemory(chunk.bytes));
      });
    },
    inFlight: jobs * 4,
    close: async () => {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}

/**
 * The chunk's memory, to move to the worker instead of copying it, when the bytes are all of it:
 * readChunks makes each chunk by one concatenation, whose memory is its own unless it is small
 * enough for Node's shared pool (which must never be moved).
 */
function ownMemory(bytes: Uint8Array | undefined): ArrayBuffer[] {
  const memory = bytes?.buffer;
  return memory instanceof ArrayBuffer && bytes?.byteOffset === 0 && bytes.byteLength === memory.byteLength
    ? [memory]
    : [];
}
