/** A batch worker thread: prices the chunks of records the main thread sends, in the order received. */
import { parentPort, workerData } from "node:worker_threads";
import { recordPricer, type BatchSettings } from "./price-records.js";
import type { InputChunk } from "./read-records.js";

const price = recordPricer(workerData as BatchSettings);
parentPort!.on("message", ({ seq, chunk }: { seq: number; chunk: InputChunk }) => {
  const priced = price(chunk);
  // The output bytes move to the main thread instead of being copied (when they own their memory).
  const { buffer, byteOffset, byteLength } = priced.out;
  parentPort!.postMessage({ seq, ...priced }, byteOffset === 0 && byteLength === buffer.byteLength ? [buffer as ArrayBuffer] : []);
});
