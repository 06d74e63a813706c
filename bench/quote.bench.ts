/**
 * Throughput of the evaluator: loads the bundled rule sets once, then quotes a mix of usage
 * documents many times. Run with `npm run bench`; the numbers go in closing notes, not tests.
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { compare, loadRuleSet, parseNeed, quote, recommend, type UsageDocument } from "../src/index.js";

const rules = join(import.meta.dirname, "..", "rules");

function time<T>(label: string, runs: number, run: () => T): void {
  for (let i = 0; i < Math.min(runs, 200); i++) run();
  const start = performance.now();
  for (let i = 0; i < runs; i++) run();
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(52)} ${((ms / runs) * 1000).toFixed(1).padStart(8)} µs/op  ${Math.round(runs / (ms / 1000))
      .toLocaleString("en-US")
      .padStart(9)} ops/s`,
  );
}

const daily = Array.from({ length: 31 }, (_, i) => 10_000 + i * 997);
const documents: [string, UsageDocument][] = [
  [
    "tencent-im Pro, 2 meters, 3 add-ons",
    {
      ruleset: "tencent-im",
      period: "2026-10",
      app: { createdAt: "2022-06-01" },
      edition: "pro",
      usage: { dau: 23456, groups: 120000 },
      addons: { "message-retention": { days: 90 }, "group-members": true, "av-call": { activatedAt: "2026-09-20" } },
    },
  ],
  ["tencent-im Pro, 31 daily values per meter", { ruleset: "tencent-im", period: "2026-10", app: { createdAt: "2022-06-01" }, edition: "pro", usage: { dau: daily, groups: daily } }],
  ["tencent-im Standard, 1e16 MAU", { ruleset: "tencent-im", period: "2026-10", edition: "standard", usage: { mau: "10000000000000000" } }],
  [
    "example-saas Business, tiers and add-ons",
    { ruleset: "example-saas", period: "2026-10", edition: "business", usage: { emails: 610000, seats: 5, storage: 150, inbound: 2500 }, addons: { sso: true, "audit-log": { retention: 90 } } },
  ],
];

time("load tencent-im (read, validate, check, compile)", 200, () => loadRuleSet(join(rules, "tencent-im")));
const migrate: UsageDocument = {
  ruleset: "tencent-im",
  period: "2026-10",
  app: { createdAt: "2022-06-01" },
  edition: "pro",
  usage: { dau: 23456, groups: 120000, mau: 60000 },
  addons: { "group-members": true },
};
const loaded = { "tencent-im": loadRuleSet(join(rules, "tencent-im")), "example-saas": loadRuleSet(join(rules, "example-saas")) };
for (const [label, doc] of documents) {
  const ruleSet = loaded[doc.ruleset as keyof typeof loaded];
  time(`quote: ${label}`, 20_000, () => quote(ruleSet, doc));
}
time("compare: tencent-im, 6 editions, break-even search", 20, () => compare(loaded["tencent-im"], migrate));
time("recommend: tencent-im, 2 needs", 100, () => recommend(loaded["tencent-im"], migrate, [parseNeed("members-per-group>=2000"), parseNeed("retention-days>=90")]));
