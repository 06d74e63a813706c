/**
 * Library throughput, measured with tinybench in one process: the evaluator beside the
 * hand-written lean quote (bench/yardstick.ts) on the same varied documents, whose lean results
 * are checked equal first; and the batch pricer of one thread (parse, quote, write) beside a
 * hand-written batch loop (bench/reference.ts) writing the same bytes. Run with `npm run bench`;
 * `npm run bench -- --readme` writes the rows into README.
 */
import { join } from "node:path";
import { Bench } from "tinybench";
import { compare, loadRuleSet, parseNeed, quote, recommend, type UsageDocument } from "../src/index.js";
import { recordPricer } from "../src/batch/price-records.js";
import { proDocuments } from "./documents.js";
import { referenceResult, type ReferenceDocument } from "./reference.js";
import { perSecond as rateText, printRow } from "./rows.js";
import { leanOf, yardstickKnows, yardstickQuote, type YardstickDocument } from "./yardstick.js";

const rules = join(import.meta.dirname, "..", "rules");
const BATCH = 100;

const tencent = loadRuleSet(join(rules, "tencent-im"));
const saas = loadRuleSet(join(rules, "example-saas"));
const documents = proDocuments(1_000);

checkYardstick(documents);

// The same documents as one NDJSON chunk, as `quote --batch` hands them to a worker.
const records = Buffer.from(documents.map((doc) => `${JSON.stringify(doc)}\n`).join(""));
const priceChunk = recordPricer({ rulesDir: rules, file: "bench.ndjson", lean: true });
const output = Buffer.allocUnsafe(records.length * 16);
/** A batch loop written by hand: each line parsed, priced by the reference, written as UTF-8. */
function referenceBatch(): number {
  let written = 0;
  for (let start = 0, line = 1; start < records.length; line++) {
    const end = records.indexOf(10, start);
    written += output.write(
      `${referenceResult(line, JSON.parse(records.toString("utf8", start, end)) as ReferenceDocument)}\n`,
      written,
    );
    start = end + 1;
  }
  return written;
}
checkBatch();

let cursor = 0;
/** Each benchmark call prices the next BATCH documents, so timer overhead stays out of the figure. */
function batch(price: (doc: UsageDocument) => unknown): () => void {
  return () => {
    for (let i = 0; i < BATCH; i++) {
      price(documents[cursor]!);
      cursor = (cursor + 1) % documents.length;
    }
  };
}

const saasDoc: UsageDocument = {
  ruleset: "example-saas",
  period: "2026-10",
  edition: "business",
  usage: { emails: 610000, seats: 5, storage: 150, inbound: 2500 },
  addons: { sso: true, "audit-log": { retention: 90 } },
};
const migrate: UsageDocument = {
  ruleset: "tencent-im",
  period: "2026-10",
  app: { createdAt: "2022-06-01" },
  edition: "pro",
  usage: { dau: 23456, groups: 120000, mau: 60000 },
  addons: { "group-members": true },
};
const needs = [parseNeed("members-per-group>=2000"), parseNeed("retention-days>=90")];

const bench = new Bench({ time: 1500, warmup: true });
bench
  .add(
    "yardstick: hand-written lean decimal.js quote",
    batch((doc) => yardstickQuote(doc as unknown as YardstickDocument)),
  )
  .add(
    "quote (lean): 1,000 varied Pro documents",
    batch((doc) => quote(tencent, doc)),
  )
  .add(
    "quote (explain: true): same documents",
    batch((doc) => quote(tencent, doc, { explain: true })),
  );
const batches = new Bench({ time: 1500, warmup: true });
batches
  .add("batch by hand: parse, reference quote, stringify", () => referenceBatch())
  .add("batch pricer: parse, quote, write (lean, 1 thread)", () => priceChunk({ first: 1, bytes: records }));
const single = new Bench({ time: 1000, warmup: true });
single
  .add("quote: example-saas Business, tiers and add-ons", () => quote(saas, saasDoc))
  .add("load tencent-im (read, validate, check, compile)", () => loadRuleSet(join(rules, "tencent-im")))
  .add("compare: tencent-im, 6 editions, break-even search", () => compare(tencent, migrate))
  .add("recommend: tencent-im, 2 needs", () => recommend(tencent, migrate, needs));

await bench.run();
await batches.run();
await single.run();

const perSecond = (name: string, perCall: number, from = bench) => {
  const task = from.getTask(name)!;
  if (task.result.state !== "completed") throw new Error(`${name}: ${task.result.state}`);
  return task.result.throughput.mean * perCall;
};
const rows: [string, number][] = [
  ...bench.tasks.map((task) => [task.name, perSecond(task.name, BATCH)] as [string, number]),
  ...batches.tasks.map((task) => [task.name, perSecond(task.name, documents.length, batches)] as [string, number]),
  ...single.tasks.map((task) => [task.name, perSecond(task.name, 1, single)] as [string, number]),
];
for (const [name, rate] of rows)
  console.log(
    `${name.padEnd(54)} ${Math.round(rate).toLocaleString("en-US").padStart(10)} /s  ${(1e6 / rate).toFixed(1).padStart(9)} µs`,
  );
const [yardstick, lean, explained, byHand, pricer] = rows.map(([, rate]) => rate) as [
  number,
  number,
  number,
  number,
  number,
];
console.log(`\nratios (Node ${process.versions.node}):`);
printRow("yardstick", rateText(yardstick, "quotes"));
printRow("lean", rateText(lean, "quotes"), lean / yardstick);
printRow("explained", rateText(explained, "quotes"), explained / yardstick);
printRow("batchPricer", rateText(pricer, "records"), pricer / byHand);

/** The hand-written batch loop writes exactly what the batch pricer writes. */
function checkBatch(): void {
  const mine = Buffer.from(priceChunk({ first: 1, bytes: records }).out);
  const theirs = output.subarray(0, referenceBatch());
  if (!mine.equals(theirs))
    throw new Error(
      `the batch by hand and the batch pricer differ:\n${theirs.toString().slice(0, 2000)}\n${mine.toString().slice(0, 2000)}`,
    );
}

/** The yardstick is only a yardstick if it prices the same: its lean result equals the library's on every document. */
function checkYardstick(docs: UsageDocument[]): void {
  for (const doc of docs) {
    const known = doc as unknown as YardstickDocument;
    if (!yardstickKnows(known)) throw new Error(`the yardstick does not price ${JSON.stringify(doc)}`);
    const mine = JSON.stringify(leanOf(quote(tencent, doc)));
    const theirs = JSON.stringify(yardstickQuote(known));
    if (mine !== theirs) throw new Error(`yardstick and library differ on ${JSON.stringify(doc)}:\n${mine}\n${theirs}`);
  }
}
