/**
 * Entitlement checks at run time: `check.can()` and `check.limit()` on a check object built once
 * per subscription (target: at least 1,000,000 checks a second on a compiled rule set), the cost
 * of building one with `entitlements()`, the OpenFeature provider's evaluation, and `subscriptions()`
 * counting each bundled rule set and 40 independent add-ons (3 × 2^40 subscriptions).
 */
import { join } from "node:path";
import { Bench } from "tinybench";
import { entitlements, loadRuleSet, loadRuleSetFromData, RatecardProvider, subscriptions } from "../src/index.js";

const rules = join(import.meta.dirname, "..", "rules");
const tencent = loadRuleSet(join(rules, "tencent-im"));
const terms = {
  mode: "original",
  edition: "pro",
  addons: { "group-members": true, "message-retention": { days: 180 } },
};
const { check } = entitlements(tencent, terms);
const keys = [
  "group-members",
  "message-retention",
  "avchatroom-unlimited",
  "members-per-group",
  "retention-days",
  "av-groups",
  "unknown-flag",
];
const CHECKS = 7_000;
let sink = 0;

const provider = new RatecardProvider(tencent, { mode: "original" });
const context = { edition: "pro", addons: ["group-members", "avchatroom-unlimited"] };

const bench = new Bench({ time: 1500, warmup: true });
bench
  .add(`check.can() and check.limit(), ${CHECKS.toLocaleString("en-US")} calls`, () => {
    for (let i = 0; i < CHECKS; i++) {
      const key = keys[i % keys.length]!;
      if (check.can(key)) sink += check.limit(key) ?? 1;
    }
  })
  .add("entitlements() (checks the subscription, builds the check object)", () => {
    sink += entitlements(tencent, terms).limits.length;
  })
  .add("OpenFeature provider: resolveBooleanEvaluation (subscription cached)", async () => {
    sink += (await provider.resolveBooleanEvaluation("group-members", false, context)).value ? 1 : 0;
  });
await bench.run();

const [checks, build, flag] = bench.tasks.map((task) => {
  const result = task.result as { throughput?: { mean: number }; hz?: number };
  return result.throughput?.mean ?? result.hz ?? 0;
});
console.log(`checks: ${Math.round(checks! * CHECKS).toLocaleString("en-US")} /s   (target ≥ 1,000,000 /s)`);
console.log(`entitlements(): ${Math.round(build!).toLocaleString("en-US")} /s (${(1e6 / build!).toFixed(1)} µs)`);
console.log(
  `provider flag evaluation: ${Math.round(flag!).toLocaleString("en-US")} /s (${(1e6 / flag!).toFixed(1)} µs)`,
);

const timed = (label: string, run: () => { count: bigint }) => {
  const started = performance.now();
  const { count } = run();
  console.log(
    `subscriptions ${label.padEnd(26)} ${count.toLocaleString("en-US").padStart(22)} in ${(performance.now() - started).toFixed(2)} ms`,
  );
};
for (const id of ["tencent-im", "example-saas", "example-api", "infra-monitor"]) {
  const ruleSet = loadRuleSet(join(rules, id));
  timed(id, () => subscriptions(ruleSet));
}
const independent = loadRuleSetFromData({
  "ruleset.yaml": {
    id: "wide",
    name: "Wide",
    money: { currency: "USD", scale: 2, rounding: "half-up", roundAt: "line" },
    billing: { cycle: "calendar-month" },
    modes: ["modes/main.yaml"],
    selection: { default: "main" },
  },
  "modes/main.yaml": {
    id: "main",
    name: "Main",
    meters: [{ id: "calls", name: "Calls", unit: "call", aggregate: "sum" }],
    editions: ["e0", "e1", "e2"].map((id, i) => ({ id, name: id, fee: i * 10, ...(i === 0 ? { default: true } : {}) })),
    addons: Array.from({ length: 40 }, (_, i) => ({ id: `a${i}`, name: `A${i}`, price: i + 1 })),
  },
});
timed("40 independent add-ons", () => subscriptions(independent));
if (sink === -1) console.log(sink);
