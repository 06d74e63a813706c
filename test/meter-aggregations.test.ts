import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { loadPlan } from "../src/rulesets/load-ruleset.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { quote, type UsageDocument } from "../src/index.js";
import { Decimal } from "../src/money/decimal.js";
import { meterEvents } from "../src/meter/run-meter.js";
import { EVENT_ENGINES, problemsOf, ROOT } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

/**
 * Every aggregation of the month × every way a day is made from events, each meter priced at 1.00
 * per unit, so a quote's line is the meter's value (values have at most 2 decimals; averages are
 * rounded to 2). The SQL's documents and documents of daily values made here in plain code must
 * quote the same, line by line, or be refused alike.
 */
const METERS: [id: string, aggregate: string, events: string, extra?: string][] = [
  ["sum-count", "sum", "{ type: a }"],
  ["sum-value", "sum", "{ type: a, value: q }"],
  ["sum-daily-max", "sum", "{ type: b, value: q, daily: max }"],
  ["sum-daily-latest", "sum", "{ type: b, value: q, daily: latest }"],
  ["sum-distinct", "sum", "{ type: a, distinct: u }"],
  ["max-value", "max", "{ type: b, value: q }"],
  ["max-distinct", "max", "{ type: a, distinct: u }"],
  ["max-daily-latest", "max", "{ type: c, value: q, daily: latest }"],
  ["min-daily-max", "min", "{ type: b, value: q, daily: max }"],
  ["min-count", "min", "{ type: c }"],
  ["latest-daily-latest", "latest", "{ type: c, value: q, daily: latest }"],
  ["latest-value", "latest", "{ type: c, value: q }"],
  ["average-zero", "average", "{ type: c, value: q, daily: latest }", "    missingDays: zero\n    decimals: 2\n"],
  ["average-ignore", "average", "{ type: b, value: q }", "    missingDays: ignore\n    decimals: 2\n"],
  ["average-late-days", "average", "{ type: a, value: q, timezone: '-05:30' }", "    decimals: 2\n"],
];

function ruleSet(metersWith: typeof METERS, refuseMissing = false) {
  const dir = join(mkdtempSync(join(tmpdir(), "ratecard-aggregations-")), "minimal");
  cpSync(join(ROOT, "test", "fixtures", "minimal"), dir, { recursive: true });
  mkdirSync(join(dir, "modes"), { recursive: true });
  const yaml = [
    "id: main",
    "name: Main",
    "meters:",
    metersWith
      .map(([id, aggregate, events, extra = ""]) =>
        [
          `  - id: ${id}`,
          `    name: ${id}`,
          "    unit: unit",
          `    aggregate: ${aggregate}`,
          "    integer: false",
          "    required: false",
          extra
            .replace(/\n$/, "")
            .replace("missingDays: zero", refuseMissing ? "missingDays: refuse" : "missingDays: zero"),
          `    events: ${events}`,
        ]
          .filter(Boolean)
          .join("\n"),
      )
      .join("\n"),
    "editions:",
    "  - { id: basic, name: Basic, fee: none, default: true }",
    "charges:",
    metersWith
      .map(([id]) => `  - { id: ${id}, name: ${id}, meter: ${id}, price: { model: per-unit, unitPrice: 1 } }`)
      .join("\n"),
    "",
  ].join("\n");
  writeFileSync(join(dir, "modes", "main.yaml"), yaml);
  return loadPlan(dir);
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

type Event = { customer: string; type: string; timestamp: string; q: string; u: string };

function generate(seed: number): Event[] {
  const next = random(seed);
  const events: Event[] = [];
  for (let c = 0; c < 30; c++) {
    const count = Math.floor(next() * 120);
    for (let i = 0; i < count; i++) {
      // Some events fall in September or November, some late on the last day (inside October only west of UTC).
      const day = Math.floor(next() * 33);
      const time = `T${String(Math.floor(next() * 24)).padStart(2, "0")}:${String(Math.floor(next() * 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z`;
      const timestamp =
        day === 0
          ? `2026-09-30${time}`
          : day === 32
            ? `2026-11-01T02:00:00Z`
            : `2026-10-${String(day).padStart(2, "0")}${time}`;
      events.push({
        customer: `c${c}`,
        type: ["a", "b", "c"][Math.floor(next() * 3)]!,
        timestamp,
        q: (Math.floor(next() * 100000) / 100).toFixed(2),
        u: `u${Math.floor(next() * 6)}`,
      });
    }
  }
  return events;
}

/** Daily values made in plain code, as the mapping says; the evaluator aggregates the month. */
function dailyDocuments(events: Event[], meters: typeof METERS): Map<string, UsageDocument> {
  const sorted = [...events].sort((x, y) => (x.timestamp < y.timestamp ? -1 : x.timestamp > y.timestamp ? 1 : 0));
  const documents = new Map<string, UsageDocument>();
  for (const [id, aggregate, mapping] of meters) {
    const type = /type: (\w)/.exec(mapping)![1];
    const value = mapping.includes("value: q");
    const daily = /daily: (\w+)/.exec(mapping)?.[1] ?? "sum";
    const distinct = mapping.includes("distinct: u");
    const offset = mapping.includes("-05:30") ? -330 : 0;
    const byCustomer = new Map<
      string,
      { days: Map<number, Decimal>; users: Map<number, Set<string>>; month: Set<string> }
    >();
    for (const event of sorted) {
      if (event.type !== type) continue;
      const local = new Date(Date.parse(event.timestamp) + offset * 60_000).toISOString();
      if (!local.startsWith("2026-10")) continue;
      const day = Number(local.slice(8, 10));
      const entry = byCustomer.get(event.customer) ?? { days: new Map(), users: new Map(), month: new Set() };
      byCustomer.set(event.customer, entry);
      const v = value ? new Decimal(event.q) : new Decimal(1);
      const before = entry.days.get(day);
      if (distinct) {
        const users = entry.users.get(day) ?? new Set();
        entry.users.set(day, users.add(event.u));
        entry.month.add(event.u);
        entry.days.set(day, new Decimal(users.size));
      } else
        entry.days.set(
          day,
          !before ? v : daily === "max" ? Decimal.max(before, v) : daily === "latest" ? v : before.plus(v),
        );
    }
    for (const [customer, { days, month }] of byCustomer) {
      const document = documents.get(customer) ?? {
        ruleset: "minimal",
        period: "2026-10",
        mode: "main",
        customer,
        usage: {},
      };
      documents.set(customer, document);
      const last = Math.max(...days.keys());
      document.usage[id] =
        aggregate === "sum" && distinct
          ? String(month.size)
          : Array.from({ length: last }, (_, i) => (days.get(i + 1) ?? new Decimal(0)).toFixed());
    }
  }
  return documents;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** A quote's lines, or the codes of the problems that refused it. */
function outcome(rules: ReturnType<typeof ruleSet>, document: UsageDocument) {
  try {
    return quote(rules, document).lines.map((l) => [l.id, l.amount]);
  } catch {
    return problemsOf(() => quote(rules, document)).map((p) => p.code);
  }
}

describe.each(EVENT_ENGINES)(
  "ratecard meter on %s: SQL aggregates equal the evaluator's aggregation of daily values",
  { timeout: 60_000 },
  (engine) => {
    it.each([1, 2, 3])("for every aggregation and daily rule (seed %i)", async (seed) => {
      const rules = ruleSet(METERS);
      const dir = mkdtempSync(join(tmpdir(), "ratecard-aggregations-"));
      const file = join(dir, "events.csv");
      const events = generate(seed);
      writeFileSync(
        file,
        `customer,type,timestamp,q,u\n${events.map((e) => [e.customer, e.type, e.timestamp, e.q, e.u].join(",")).join("\n")}\n`,
      );
      const documents = await collect(
        (await meterEvents(rules, { events: file, period: "2026-10", engine })).documents,
      );
      const expected = dailyDocuments(events, METERS);
      expect(documents.map((d) => d.customer)).toEqual([...expected.keys()].sort());
      for (const document of documents) {
        const fromDays = expected.get(document.customer!)!;
        // A meter the customer had no events of is 0 in the SQL's document: give the plain one the same.
        for (const [id] of METERS) if (!Object.hasOwn(fromDays.usage, id)) fromDays.usage[id] = document.usage[id]!;
        expect({ customer: document.customer, lines: outcome(rules, document) }).toEqual({
          customer: document.customer,
          lines: outcome(rules, fromDays),
        });
      }
    });

    it("refuses alike when an average needs every day of the month", HEAVY, async () => {
      const rules = ruleSet(
        METERS.filter(([id]) => id === "average-zero"),
        true,
      );
      const dir = mkdtempSync(join(tmpdir(), "ratecard-aggregations-"));
      const file = join(dir, "events.csv");
      const full = Array.from(
        { length: 31 },
        (_, i) => `full,c,2026-10-${String(i + 1).padStart(2, "0")}T12:00:00Z,${i + 1},u`,
      );
      writeFileSync(file, `customer,type,timestamp,q,u\n${full.join("\n")}\ngappy,c,2026-10-03T00:00:00Z,5,u\n`);
      const documents = await collect(
        (await meterEvents(rules, { events: file, period: "2026-10", engine })).documents,
      );
      expect(documents.map((d) => [d.customer, outcome(rules, d)])).toEqual([
        ["full", [["average-zero", "16.00"]]],
        ["gappy", ["usage.value"]],
      ]);
    });
  },
);
