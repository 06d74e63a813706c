import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadPlan } from "../src/rulesets/load-ruleset.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { quote, type UsageDocument } from "../src/index.js";
import { Decimal } from "../src/money/decimal.js";
import type { CliIO } from "../src/cli/command.js";
import { meterProgress } from "../src/cli/events-options.js";
import { meterEvents } from "../src/meter/run-meter.js";
import { cli, EVENT_ENGINES, problemsOf, ROOT, RULES } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

const api = loadPlan(join(RULES, "example-api"));

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

interface RawEvent {
  customer: string;
  type: string;
  timestamp: string;
  [column: string]: string | number | null;
}

function generate(customers: number, perCustomer: number, seed: number): RawEvent[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const events: RawEvent[] = [];
  for (let c = 0; c < customers; c++) {
    const customer = `c${c}`;
    // Every customer has a member on day 1, so that seats (the Team fee's meter) is always reported.
    events.push({ customer, type: "member_active", timestamp: "2026-10-01T00:00:01Z", user_id: "u0" });
    for (let i = 0; i < perCustomer; i++) {
      const day = 1 + Math.floor(next() * 31);
      const timestamp = `2026-10-${String(day).padStart(2, "0")}T${String(Math.floor(next() * 24)).padStart(2, "0")}:${String(Math.floor(next() * 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z`;
      const type = pick(["api_request", "storage_snapshot", "member_active", "worker_count", "completion", "payout"]);
      const event: RawEvent = { customer, type, timestamp };
      if (type === "storage_snapshot") event.gb = (Math.floor(next() * 100000) / 100).toFixed(2);
      if (type === "member_active") event.user_id = `u${Math.floor(next() * 12)}`;
      if (type === "worker_count") event.workers = Math.floor(next() * 9);
      if (type === "completion")
        Object.assign(event, {
          model: pick(["large", "small"]),
          direction: pick(["input", "output"]),
          tokens: Math.floor(next() * 2_000_000),
        });
      if (type === "payout")
        Object.assign(event, {
          amount: (Math.floor(next() * 1_000_000) / 100).toFixed(2),
          status: pick(["paid", "paid", "failed"]),
        });
      events.push(event);
    }
  }
  return events;
}

/** The same events as daily values per meter, aggregated in plain code: the evaluator aggregates the month. */
function dailyDocuments(events: RawEvent[]): Map<string, UsageDocument> {
  const days = (n = 31) => Array.from({ length: n }, () => new Decimal(0));
  const docs = new Map<
    string,
    {
      requests: Decimal[];
      storage: (Decimal | undefined)[];
      latestAt: string[];
      seats: Set<string>[];
      workers: (Decimal | undefined)[];
      payouts: Decimal[];
      tokens: Record<string, Record<string, Decimal[]>>;
    }
  >();
  for (const event of [...events].sort((a, b) => a.timestamp.localeCompare(b.timestamp))) {
    const doc = docs.get(event.customer) ?? {
      requests: days(),
      storage: [],
      latestAt: [],
      seats: Array.from({ length: 31 }, () => new Set<string>()),
      workers: [],
      payouts: days(),
      tokens: {},
    };
    docs.set(event.customer, doc);
    const day = Number(event.timestamp.slice(8, 10)) - 1;
    if (event.type === "api_request") doc.requests[day] = doc.requests[day]!.plus(1);
    if (event.type === "storage_snapshot") doc.storage[day] = new Decimal(event.gb as string);
    if (event.type === "member_active") doc.seats[day]!.add(event.user_id as string);
    if (event.type === "worker_count")
      doc.workers[day] = Decimal.max(
        doc.workers[day] ?? new Decimal(event.workers as number),
        new Decimal(event.workers as number),
      );
    if (event.type === "payout" && event.status === "paid")
      doc.payouts[day] = doc.payouts[day]!.plus(event.amount as string);
    if (event.type === "completion") {
      const cell = ((doc.tokens[event.model as string] ??= {})[event.direction as string] ??= days());
      cell[day] = cell[day]!.plus(event.tokens as number);
    }
  }
  const upToLast = (values: (Decimal | undefined)[]) =>
    Array.from({ length: values.length }, (_, i) => (values[i] ?? new Decimal(0)).toFixed());
  const result = new Map<string, UsageDocument>();
  for (const [customer, d] of docs) {
    const usage: UsageDocument["usage"] = {
      requests: d.requests.map((v) => v.toFixed()),
      payouts: d.payouts.map((v) => v.toFixed()),
      seats: upToLast(
        d.seats
          .map((s) => (s.size ? new Decimal(s.size) : undefined))
          .slice(0, lastDay(d.seats.map((s) => s.size > 0))),
      ),
    };
    if (d.storage.length) usage.storage = upToLast(d.storage);
    if (d.workers.length) usage.workers = upToLast(d.workers);
    if (Object.keys(d.tokens).length)
      usage.tokens = Object.fromEntries(
        Object.entries(d.tokens).map(([model, cells]) => [
          model,
          Object.fromEntries(
            Object.entries(cells).map(([direction, values]) => [direction, values.map((v) => v.toFixed())]),
          ),
        ]),
      );
    result.set(customer, { ruleset: "example-api", period: "2026-10", mode: "usage-based", edition: "team", usage });
  }
  return result;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function lastDay(present: boolean[]): number {
  return present.lastIndexOf(true) + 1;
}

describe.each(EVENT_ENGINES)("ratecard meter: events aggregated by SQL on %s", { timeout: 60_000 }, (engine) => {
  it("gives the quotes the evaluator gives from the same events as daily values, for every aggregation", async () => {
    const events = generate(25, 300, 7);
    const dir = mkdtempSync(join(tmpdir(), "ratecard-events-"));
    const file = join(dir, "events.ndjson");
    writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join("\n")}\n`);
    const run = await meterEvents(api, { events: file, period: "2026-10", engine });
    const documents = await collect(run.documents);
    expect(run.summary.refused).toBe(0);
    const expected = dailyDocuments(events);
    expect(documents.map((d) => d.customer).sort()).toEqual([...expected.keys()].sort());
    for (const document of documents) {
      const fromSql = quote(api, { ...document, edition: "team" });
      const fromDays = quote(api, expected.get(document.customer!)!);
      expect({ customer: document.customer, lines: fromSql.lines, total: fromSql.total }).toEqual({
        customer: document.customer,
        lines: fromDays.lines,
        total: fromDays.total,
      });
    }
  });

  it("reads CSV, counts events outside the month and refused ones by reason, and prints its SQL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ratecard-events-"));
    const csv = join(dir, "events.csv");
    const rows = [
      "customer,type,timestamp,amount,status",
      "acme,payout,2026-10-05T10:00:00Z,120.50,paid",
      "acme,payout,2026-10-31T23:30:00+02:00,0.25,paid", // 21:30 UTC: in October
      "acme,payout,2026-10-31T23:30:00-02:00,1,paid", // 01:30 UTC on 1 November: outside
      "acme,payout,2026-10-05T11:00:00Z,x,paid",
      "acme,payout,2026-10-06T10:00:00Z,1.1234567890123,paid", // 13 decimals: refused, never rounded
      "acme,payout,2026-10-06T10:00:00Z,3,failed", // filtered out by status
      ",payout,2026-10-05T11:00:00Z,5,paid",
      "acme,payout,yesterday,3,paid",
      "bravo,api_request,2026-10-02T00:00:00Z,,",
    ];
    writeFileSync(csv, `${rows.join("\n")}\n`);
    const {
      code,
      stdout,
      stderr: output,
    } = await cli(["meter", "--events", csv, "--period", "2026-10", "--ruleset", "example-api", "--engine", engine]);
    expect(code).toBe(1);
    const [note, ...lines] = output.split("\n");
    expect(note).toMatch(/^meter: the documents carry no terms/);
    const stderr = lines.join("\n");
    const documents = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as UsageDocument);
    expect(documents.map((d) => [d.customer, d.usage.payouts, d.usage.requests])).toEqual([
      ["acme", "120.75", "0"],
      ["bravo", "0", "1"],
    ]);
    // A customer with no events of a meter has 0 of it; a meter with dimensions that is not required is left out.
    expect(documents[0]!.usage).toEqual({ payouts: "120.75", requests: "0", storage: ["0"], seats: "0", workers: "0" });
    expect(stderr).toBe(
      [
        "meter: 2 customers; events: 3 metered, 1 outside 2026-10, 4 refused (an event counts once per meter that reads it)",
        "  refused: 1 payouts events: amount is not an exact decimal", // the order of reasons is the engine's: compare as a set below
      ][0] +
        "\n" +
        stderr.split("\n").slice(1).join("\n"),
    );
    expect(stderr.split("\n").slice(1, -1).sort()).toEqual([
      "  refused: 1 payouts events: no customer",
      "  refused: 1 payouts events: timestamp is not an ISO 8601 date and time",
      "  refused: 2 payouts events: amount is not an exact decimal",
    ]);
    for (const document of documents) expect(quote(api, { ...document, edition: "team" }).total).toMatch(/^\d+\.\d\d$/);
    const sql = await cli([
      "meter",
      "--events",
      csv,
      "--period",
      "2026-10",
      "--ruleset",
      "example-api",
      "--engine",
      engine,
      "--sql",
    ]);
    expect(sql.code).toBe(0);
    const printed = {
      duckdb:
        /^SET TimeZone = 'UTC';\n\nCREATE TEMP TABLE parsed AS SELECT .* FROM .* WHERE CAST\(type AS VARCHAR\) IN \(.*\n\n-- usage: one row per customer, meter and cell\nSELECT \* FROM \(\nSELECT customer, 'requests' AS meter/s,
      clickhouse:
        /^SET session_timezone = 'UTC';\n\n-- usage: one row per customer, meter and cell\nWITH parsed AS \(SELECT .* FROM .* WHERE toString\(type\) IN \(.*\)\nSELECT \* FROM \(\nSELECT customer, 'requests' AS meter.*uniqExact\(k\)/s,
    };
    expect(sql.stdout).toMatch(engine === "duckdb" ? printed.duckdb : printed.clickhouse);
    // Either engine prints either dialect: the columns it found, written for the other.
    const other = engine === "duckdb" ? "clickhouse" : "duckdb";
    const translated = await cli([
      "meter",
      "--events",
      csv,
      "--period",
      "2026-10",
      "--ruleset",
      "example-api",
      "--engine",
      engine,
      "--sql",
      "--dialect",
      other,
    ]);
    expect(translated.stdout).toMatch(printed[other]);
  });

  it("keeps values exact: a JSON value past 15 digits is refused (its reader may have rounded it), CSV keeps longer values exact", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ratecard-events-"));
    const file = join(dir, "events.ndjson");
    const lines = [
      {
        customer: "a",
        type: "payout",
        timestamp: "2026-10-01T00:00:00Z",
        amount: "123456789012345678.123456789012",
        status: "paid",
      },
      { customer: "a", type: "payout", timestamp: "2026-10-01T00:00:00Z", amount: "0.000000000001", status: "paid" },
      { customer: "b", type: "payout", timestamp: "2026-10-01T00:00:00Z", amount: "12.5", status: "paid" },
      { customer: "b", type: "payout", timestamp: "2026-10-02T00:00:00Z", amount: "0.1", status: "paid" },
      { customer: "b", type: "payout", timestamp: "2026-10-02T00:00:00Z", amount: "0.2", status: "paid" },
    ].map((line) => JSON.stringify(line));
    // Written by hand: JSON.stringify cannot write a number with more digits than a double holds.
    lines.push(
      '{"customer":"c","type":"payout","timestamp":"2026-10-01T00:00:00Z","amount":1234567890123.123456789012,"status":"paid"}',
    );
    lines.push('{"customer":"c","type":"payout","timestamp":"2026-10-01T00:00:00Z","amount":0.1,"status":"paid"}');
    writeFileSync(file, `${lines.join("\n")}\n`);
    const run = await meterEvents(api, { events: file, period: "2026-10", engine });
    const documents = await collect(run.documents);
    expect(documents.map((d) => [d.customer, d.usage.payouts])).toEqual([
      ["a", "0.000000000001"],
      ["b", "12.8"],
      ["c", "0.1"],
    ]);
    expect(run.summary.outcomes.payouts).toEqual({ metered: 5, "amount is not an exact decimal": 2 });
    const csv = join(dir, "events.csv");
    writeFileSync(
      csv,
      "customer,type,timestamp,amount,status\na,payout,2026-10-01,123456789012345678.123456789012,paid\na,payout,2026-10-01,0.000000000001,paid\n",
    );
    const exact = await collect((await meterEvents(api, { events: csv, period: "2026-10", engine })).documents);
    expect(exact[0]!.usage.payouts).toBe("123456789012345678.123456789013");
  });

  it("reads a folder of one kind of file, and refuses a folder that mixes kinds", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ratecard-events-"));
    writeFileSync(join(dir, "a.csv"), "customer,type,timestamp\nacme,api_request,2026-10-01T00:00:00Z\n");
    writeFileSync(
      join(dir, "b.csv"),
      "customer,type,timestamp\nacme,api_request,2026-10-02T00:00:00Z\nbeta,api_request,2026-10-02T00:00:00Z\n",
    );
    const documents = await collect((await meterEvents(api, { events: dir, period: "2026-10", engine })).documents);
    expect(documents.map((d) => [d.customer, d.usage.requests])).toEqual([
      ["acme", "2"],
      ["beta", "1"],
    ]);
    writeFileSync(join(dir, "c.ndjson"), "{}\n");
    const mixed = await cli([
      "meter",
      "--events",
      dir,
      "--period",
      "2026-10",
      "--ruleset",
      "example-api",
      "--engine",
      engine,
    ]);
    expect([mixed.code, mixed.stderr]).toEqual([
      1,
      `file.not-regular  ${dir} holds events of several kinds (.ndjson, .csv); give a folder of one kind, or meter each kind on its own\n`,
    ]);
  });

  it(
    "bills customers in one run: terms from the customers file, no events billed as no usage, unknown customers refused",
    HEAVY,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "ratecard-bill-"));
      const events = join(dir, "events.ndjson");
      const rows = [
        { customer: "acme", type: "member_active", timestamp: "2026-10-03T09:00:00Z", user_id: "u1" },
        { customer: "acme", type: "member_active", timestamp: "2026-10-03T10:00:00Z", user_id: "u2" },
        { customer: "acme", type: "api_request", timestamp: "2026-10-04T10:00:00Z" },
        { customer: "stranger", type: "api_request", timestamp: "2026-10-04T10:00:00Z" },
      ];
      writeFileSync(events, `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`);
      const customers = join(dir, "customers.ndjson");
      writeFileSync(
        customers,
        `${JSON.stringify({ customer: "acme", edition: "team" })}\n${JSON.stringify({ customer: "quiet", edition: "team" })}\n`,
      );
      const { code, stdout, stderr } = await cli([
        "bill",
        "--events",
        events,
        "--period",
        "2026-10",
        "--ruleset",
        "example-api",
        "--engine",
        engine,
        "--customers",
        customers,
        "--jobs",
        "1",
        "--lean",
      ]);
      expect(code).toBe(1);
      const results = stdout
        .trim()
        .split("\n")
        .map(
          (line) =>
            JSON.parse(line) as {
              customer: string;
              quote?: { total: string; edition: string };
              problems?: { code: string }[];
            },
        );
      expect(results.map((r) => [r.customer, r.quote?.edition ?? r.problems![0]!.code])).toEqual([
        ["acme", "team"],
        ["quiet", "team"],
        ["stranger", "usage.customer"],
      ]);
      const acme = quote(api, {
        ruleset: "example-api",
        period: "2026-10",
        mode: "usage-based",
        edition: "team",
        usage: { seats: 2, requests: 1, storage: ["0"], workers: 0, payouts: 0 },
      });
      expect(results[0]!.quote).toEqual(JSON.parse(JSON.stringify(acme)));
      const total = results
        .flatMap((r) => (r.quote ? [r.quote.total] : []))
        .reduce((a, b) => a.plus(b), new Decimal(0));
      expect(stderr).toContain(`bill: 3 customers, 2 quoted, 1 refused (1 with events but not in ${customers})`);
      expect(stderr).toContain(`total: ${total.toFixed(2)} USD\n`);
    },
  );

  it("refuses a customers file that would bill someone wrongly, naming each line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ratecard-bill-"));
    const events = join(dir, "events.csv");
    writeFileSync(events, "customer,type,timestamp\nacme,api_request,2026-10-01T00:00:00Z\n");
    const customers = join(dir, "customers.ndjson");
    const lines = [
      '{"customer":"acme"}',
      '{"customer":"acme"}',
      '{"customer":"b","period":"2026-09"}',
      '{"customer":"c","usage":{"requests":5}}',
      "[1]",
      "{oops",
    ];
    writeFileSync(customers, `${lines.join("\n")}\n`);
    const { code, stderr } = await cli([
      "bill",
      "--events",
      events,
      "--period",
      "2026-10",
      "--ruleset",
      "example-api",
      "--engine",
      engine,
      "--customers",
      customers,
      "--jobs",
      "1",
    ]);
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      `${customers}:2:1  usage.customer  customer acme is listed twice`,
      `${customers}:3:1  usage.customer  customer b gives "period"; the bill sets it (--period, --ruleset)`,
      `${customers}:4:1  usage.customer  customer c gives usage.requests, which is measured from events; leave it to the events`,
      `${customers}:5:1  usage.customer  each line must be a JSON object, one customer`,
      `${customers}:6:1  usage.customer  the line is not JSON: one JSON object per line`,
    ]);
  });
});

describe("check: event mappings", () => {
  /** The minimal fixture with the calls meter's lines replaced. */
  function withMeter(lines: string) {
    const dir = join(mkdtempSync(join(tmpdir(), "ratecard-events-check-")), "minimal");
    cpSync(join(ROOT, "test", "fixtures", "minimal"), dir, { recursive: true });
    const mode = join(dir, "modes", "main.yaml");
    writeFileSync(mode, readFileSync(mode, "utf8").replace("    aggregate: sum\n", lines));
    return () => loadPlan(dir);
  }

  it.each([
    [
      "a distinct key and a value",
      "    aggregate: sum\n    events: { type: call, distinct: user, value: n }\n",
      "meter calls counts distinct user and adds n; give one: distinct (count) or value (add)",
      ["meters", 0, "events", "value"],
    ],
    [
      "a daily rule on a distinct count",
      "    aggregate: max\n    events: { type: call, distinct: user, daily: max }\n",
      "meter calls counts distinct user per day; daily: max has no meaning there, remove it",
      ["meters", 0, "events", "daily"],
    ],
    [
      "a dimension the meter lacks",
      "    aggregate: sum\n    events: { type: call, dimensions: { region: region } }\n",
      'meter calls has no dimension "region"',
      ["meters", 0, "events", "dimensions", "region"],
    ],
    [
      "an average taking only month values",
      "    aggregate: average\n    input: month\n    events: { type: call }\n",
      "meter calls is the average of its days, computed from daily values, but takes only a month value (input: month); remove input: month",
      ["meters", 0, "events"],
    ],
  ])("refuses %s", (_, lines, message, path) => {
    expect(problemsOf(withMeter(lines)).map((p) => [p.code, p.message, p.path])).toEqual([
      ["meter.events", message, path],
    ]);
  });

  it("accepts a complete mapping", () => {
    expect(
      withMeter(
        "    aggregate: sum\n    events: { type: [call, retry], value: n, filter: { ok: true }, timezone: '+08:00' }\n",
      )().id,
    ).toBe("minimal");
  });
});

describe("meter progress on a terminal", () => {
  it("shows the share done when the engine knows it, and the time so far; nothing when not a terminal", () => {
    let seen = "";
    const io = { interactive: true, stderr: (text: string) => (seen += text) } as unknown as CliIO;
    const progress = meterProgress(io)!;
    progress(-1);
    progress(45.7);
    expect(seen).toBe("\rmetering events: 0 s\rmetering events: 45%, 0 s");
    expect(meterProgress({ ...io, interactive: false })).toBeUndefined();
  });
});
