import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { quote, type UsageDocument } from "../src/index.js";
import { Decimal } from "../src/money/decimal.js";
import { meterEvents } from "../src/meter/run-meter.js";
import { inlineProblems, inlineRuleSet } from "./inline-rules.js";
import { EVENT_ENGINES } from "./helpers.js";

/** Meters with `input: hourly` measured from events, each priced at 1.00 a unit, so a line is the meter's month value. */
const METERS: [id: string, aggregate: string, events: Record<string, unknown>][] = [
  ["hosts-p99", "percentile", { type: "a", distinct: "u" }],
  ["gauge-latest", "max", { type: "b", value: "q", hourly: "latest" }],
  ["gauge-max", "max", { type: "b", value: "q", hourly: "max" }],
  ["calls-sum", "sum", { type: "c", value: "q" }],
  ["calls-p50", "percentile", { type: "c" }],
];

const rules = inlineRuleSet({
  meters: METERS.map(([id, aggregate, events]) => ({
    id,
    name: id,
    unit: "unit",
    aggregate,
    ...(aggregate === "percentile" ? { percentile: id.endsWith("p99") ? 99 : 50 } : {}),
    input: "hourly",
    integer: false,
    required: false,
    events,
  })),
  editions: [{ id: "basic", name: "Basic", fee: "none", default: true }],
  charges: METERS.map(([id]) => ({ id, name: id, meter: id, price: { model: "per-unit", unitPrice: 1 } })),
});

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

type Event = { customer: string; type: string; timestamp: string; q: string; u: string };

/** October's events of 12 customers, a few in September or November; some hours crowded, most empty. */
function generate(seed: number): Event[] {
  const next = random(seed);
  const events: Event[] = [];
  for (let c = 0; c < 12; c++) {
    const count = Math.floor(next() * 400);
    for (let i = 0; i < count; i++) {
      const day = Math.floor(next() * 33);
      const hour = String(Math.floor(next() * 24)).padStart(2, "0");
      const time = `T${hour}:${String(Math.floor(next() * 3)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z`;
      const timestamp =
        day === 0
          ? `2026-09-30${time}`
          : day === 32
            ? `2026-11-01${time}`
            : `2026-10-${String(day).padStart(2, "0")}${time}`;
      events.push({
        customer: `c${c}`,
        type: ["a", "b", "c"][Math.floor(next() * 3)]!,
        timestamp,
        q: (Math.floor(next() * 10000) / 100).toFixed(2),
        u: `u${Math.floor(next() * 9)}`,
      });
    }
  }
  return events;
}

/** The hours of October made in plain code, as each mapping says; the evaluator aggregates the month. */
function hourlyDocuments(events: Event[]): Map<string, UsageDocument> {
  const sorted = [...events].sort((x, y) =>
    x.timestamp < y.timestamp ? -1 : x.timestamp > y.timestamp ? 1 : Number(x.q) - Number(y.q),
  );
  const documents = new Map<string, UsageDocument>();
  for (const [id, , mapping] of METERS) {
    const hours = new Map<string, Map<number, { value: Decimal; users: Set<string> }>>();
    for (const event of sorted) {
      if (event.type !== mapping.type || !event.timestamp.startsWith("2026-10")) continue;
      const hour = (Number(event.timestamp.slice(8, 10)) - 1) * 24 + Number(event.timestamp.slice(11, 13));
      const byHour = hours.get(event.customer) ?? new Map<number, { value: Decimal; users: Set<string> }>();
      hours.set(event.customer, byHour);
      const before = byHour.get(hour);
      const v = mapping.value ? new Decimal(event.q) : new Decimal(1);
      if (mapping.distinct) {
        const users = (before?.users ?? new Set<string>()).add(event.u);
        byHour.set(hour, { value: new Decimal(users.size), users });
      } else
        byHour.set(hour, {
          value: !before
            ? v
            : mapping.hourly === "max"
              ? Decimal.max(before.value, v)
              : mapping.hourly === "latest"
                ? v
                : before.value.plus(v),
          users: new Set(),
        });
    }
    for (const [customer, byHour] of hours) {
      const document = documents.get(customer) ?? {
        ruleset: "inline",
        period: "2026-10",
        mode: "main",
        customer,
        usage: {},
      };
      documents.set(customer, document);
      document.usage[id] = Array.from({ length: 744 }, (_, h) => (byHour.get(h)?.value ?? new Decimal(0)).toFixed());
    }
  }
  return documents;
}

function eventsFile(events: Event[]): string {
  const file = join(mkdtempSync(join(tmpdir(), "ratecard-hourly-")), "events.csv");
  writeFileSync(
    file,
    `customer,type,timestamp,q,u\n${events.map((e) => [e.customer, e.type, e.timestamp, e.q, e.u].join(",")).join("\n")}\n`,
  );
  return file;
}

async function metered(file: string, engine: (typeof EVENT_ENGINES)[number]): Promise<UsageDocument[]> {
  const run = await meterEvents(rules, { events: file, period: "2026-10", engine });
  const all: UsageDocument[] = [];
  try {
    for await (const document of run.documents) all.push(document);
  } finally {
    run.close();
  }
  return all;
}

const lines = (document: UsageDocument) => quote(rules, document).lines.map((l) => [l.id, l.amount]);

describe("hourly: events made into the UTC hours of the month", { timeout: 60_000 }, () => {
  it.each([1, 2])(
    "the SQL's hours equal hours made in plain code, and DuckDB and chdb write the same documents byte for byte (seed %i)",
    async (seed) => {
      const events = generate(seed);
      const file = eventsFile(events);
      const [duckdb, chdb] = [await metered(file, EVENT_ENGINES[0]), await metered(file, EVENT_ENGINES[1])];
      expect(JSON.stringify(chdb)).toBe(JSON.stringify(duckdb));
      const expected = hourlyDocuments(events);
      expect(duckdb.map((d) => d.customer)).toEqual([...expected.keys()].sort());
      for (const document of duckdb) {
        const plain = expected.get(document.customer!)!;
        // A meter the customer had no events of is 0 every hour in the SQL's document.
        for (const [id] of METERS) plain.usage[id] ??= Array.from({ length: 744 }, () => "0");
        expect(document.usage).toEqual(plain.usage);
        expect({ customer: document.customer, lines: lines(document) }).toEqual({
          customer: document.customer,
          lines: lines(plain),
        });
      }
    },
  );

  it("bills the 99th percentile of hosts seen each hour: a 7-hour spike dropped", async () => {
    const seen = (day: number, hour: number, hosts: number) =>
      Array.from({ length: hosts }, (_, h) => ({
        customer: "acme",
        type: "a",
        timestamp: `2026-10-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:05:00Z`,
        q: "0",
        u: `h${h}`,
      }));
    const events = [
      ...Array.from({ length: 744 }, (_, i) =>
        seen(Math.floor(i / 24) + 1, i % 24, i < 7 ? 90 : i === 100 ? 41 : 40),
      ).flat(),
    ];
    const documents = await metered(eventsFile(events), EVENT_ENGINES[0]);
    expect(lines(documents[0]!)).toEqual([
      ["hosts-p99", "41.00"],
      ["gauge-latest", "0.00"],
      ["gauge-max", "0.00"],
      ["calls-sum", "0.00"],
      ["calls-p50", "0.00"],
    ]);
  });
});

describe("hourly: checked in the rules", () => {
  const mode = (meter: Record<string, unknown>) => ({
    meters: [{ id: "hosts", name: "Hosts", unit: "host", aggregate: "max", ...meter }],
    editions: [{ id: "pro", name: "Pro", fee: "none", default: true }],
    charges: [{ id: "hosts", name: "Hosts", meter: "hosts", price: { model: "per-unit", unitPrice: 1 } }],
  });
  it.each([
    ["daily: on an hourly meter", { input: "hourly", events: { type: "seen", daily: "max" } }, ["meter.events"]],
    [
      "a time zone on an hourly meter",
      { input: "hourly", events: { type: "seen", timezone: "+08:00" } },
      ["meter.events"],
    ],
    ["hourly: on a meter given by day", { events: { type: "seen", hourly: "max" } }, ["meter.events"]],
    [
      "hourly: on an hourly meter (accepted)",
      { input: "hourly", events: { type: "seen", hourly: "max", timezone: "UTC" } },
      [],
    ],
  ])("%s", (_, meter, codes) => {
    expect(inlineProblems(mode(meter))).toEqual(codes);
  });
});
