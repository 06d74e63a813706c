/** A batch worker thread: prices the chunks of records the main thread sends, in the order received. */
import { parentPort, workerData } from "node:worker_threads";
import { recordPricer, type BatchSettings } from "./price-records.js";
import type { InputChunk } from "./read-records.js";

const port = parentPort;
if (!port) throw new Error("the batch worker runs only as a worker thread");
const price = recordPricer(workerData as BatchSettings);
port.on("message", ({ seq, chunk }: { seq: number; chunk: InputChunk }) => {
  const priced = price(chunk);
  // The output's memory (an OutputBuffer's, never pooled) moves to the main thread instead of being copied.
  port.postMessage({ seq, ...priced }, [priced.out.buffer as ArrayBuffer]);
});
