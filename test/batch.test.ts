import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { Decimal } from "../src/money/decimal.js";
import { describe, expect, it } from "vitest";
import { quote, type UsageDocument } from "../src/index.js";
import { cli, ROOT, tencent } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

const doc = (dau: number | string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    ruleset: "tencent-im",
    period: "2026-10",
    app: { createdAt: "2022-06-01" },
    edition: "pro",
    usage: { dau, groups: 0 },
    ...extra,
  });
const results = (stdout: string) =>
  stdout
    .trimEnd()
    .split("\n")
    .map(
      (line) =>
        JSON.parse(line) as {
          line: number;
          quote?: { total: string; trace?: unknown };
          problems?: { code: string; source?: object }[];
        },
    );

describe("ratecard quote --batch", () => {
  it("writes one result per record, in input order, errors with their line, and counts them", HEAVY, async () => {
    const input = [
      doc(5000),
      "",
      doc(23456),
      doc("lots"),
      "{not json",
      JSON.stringify({
        ruleset: "tencent-im",
        app: { createdAt: "2022-06-01" },
        edition: "pro",
        months: [1, 2].map((m) => ({ period: `2026-1${m}`, usage: { dau: 1, groups: 0 } })),
      }),
    ].join("\n");
    const { code, stdout, stderr } = await cli(["quote", "--batch", "-", "--jobs", "1", "--lean"], input);
    expect(code).toBe(1);
    const out = results(stdout);
    expect(out.map((r) => r.line)).toEqual([1, 3, 4, 5, 6]);
    expect(out[0]!.quote).toEqual(quote(tencent, JSON.parse(doc(5000))));
    expect(out[1]!.quote!.total).toBe("1349.97");
    expect(out[2]!.problems!.map((p) => [p.code, p.source])).toEqual([
      ["usage.value", { file: "<stdin>", line: 4, col: 108 }],
    ]);
    expect(out[3]!.problems![0]!.code).toBe("yaml.syntax");
    expect(out[4]).toMatchObject({
      line: 6,
      forecast: { months: [{ period: { month: "2026-11" } }, { period: { month: "2026-12" } }] },
    });
    const forecast = out[4] as unknown as { forecast: { months: { total: string }[] } };
    const sum = [out[0]!.quote!.total, out[1]!.quote!.total, ...forecast.forecast.months.map((m) => m.total)].reduce(
      (a, b) => a.plus(b),
      new Decimal(0),
    );
    expect(stderr).toMatch(/^batch: 5 records in, 3 quoted, 2 refused; [\d.]+ s .*1 job\ntotal: ([\d,.]+) USD\n$/);
    expect(/total: ([\d,.]+) USD/.exec(stderr)![1]!.replace(/,/g, "")).toBe(sum.toFixed(2));
  });

  it("explains each quote unless --lean", async () => {
    const { code, stdout } = await cli(["quote", "--batch", "-", "--jobs", "1"], `${doc(5000)}\n`);
    expect(code).toBe(0);
    expect(results(stdout)[0]!.quote).toEqual(
      JSON.parse(JSON.stringify(quote(tencent, JSON.parse(doc(5000)) as UsageDocument, { explain: true }))),
    );
    expect(results(stdout)[0]!.quote!.trace).toEqual(expect.arrayContaining([expect.anything()]));
  });

  it("keeps only the --fields listed, explaining the lines only when trace is one of them; totals are summed all the same", async () => {
    const forecastDoc = JSON.stringify({
      ruleset: "tencent-im",
      app: { createdAt: "2022-06-01" },
      edition: "pro",
      months: [1, 2].map((m) => ({ period: `2026-1${m}`, usage: { dau: 1, groups: 0 } })),
    });
    const input = `${doc(23456, { customer: "acme" })}\n${forecastDoc}\n`;
    const { code, stdout, stderr } = await cli(
      ["quote", "--batch", "-", "--jobs", "1", "--fields", "total, lines"],
      input,
    );
    expect(code).toBe(0);
    const [single, forecast] = results(stdout) as unknown as [
      { quote: Record<string, unknown> },
      { forecast: { months: object[]; total: string } },
    ];
    const full = quote(tencent, JSON.parse(doc(23456)) as UsageDocument);
    expect(single).toEqual({ line: 1, customer: "acme", quote: { lines: full.lines, total: full.total } });
    expect(forecast.forecast.months.map((month) => Object.keys(month))).toEqual([
      ["lines", "total"],
      ["lines", "total"],
    ]);
    const sum = new Decimal(full.total).plus(forecast.forecast.total);
    expect(/total: ([\d,.]+) USD/.exec(stderr)![1]!.replace(/,/g, "")).toBe(sum.toFixed(2));
    const traced = await cli(
      ["quote", "--batch", "-", "--jobs", "1", "--fields", "trace,total,lines"],
      `${doc(5000)}\n`,
    );
    const withTrace = results(traced.stdout)[0]!.quote as unknown as {
      trace: unknown[];
      lines: { explanation?: string }[];
    };
    expect(Object.keys(withTrace)).toEqual(["lines", "total", "trace"]);
    expect(withTrace.lines[0]!.explanation).toMatch(/costs 449\.99 USD a month/);
  });

  it("refuses a line over the size limit or not UTF-8, and goes on", HEAVY, async () => {
    const dir = mkdtempSync(join(tmpdir(), "ratecard-batch-"));
    const file = join(dir, "in.ndjson");
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`${doc(1)}\n"${"x".repeat(5 * 1024 * 1024)}"\n`),
        Buffer.from([0xff, 0xfe, 0x0a]),
        Buffer.from(doc(2)),
      ]),
    );
    const { code, stdout } = await cli(["quote", "--batch", file, "--jobs", "1", "--lean"]);
    expect(code).toBe(1);
    expect(results(stdout).map((r) => [r.line, r.problems?.[0]?.code ?? r.quote!.total])).toEqual([
      [1, "449.99"],
      [2, "file.too-large"],
      [3, "file.encoding"],
      [4, "449.99"],
    ]);
  });

  it.each([
    [["quote", "--batch", "-", "x.yaml"], /give no other file/],
    [["quote", "--batch", "-", "--jobs", "0"], /--jobs must be a whole number from 1 to 256/],
    [["quote", "--batch", "-", "--format", "table"], /writes JSON lines/],
    [["quote", "--jobs", "2", "x.yaml"], /--jobs applies to --batch only/],
    [["quote", "--batch", "-", "--fields", "total,price"], /--fields takes quote fields .* not "price"/],
    [["quote", "--batch", "-", "--lean", "--fields", "trace"], /--lean leaves the trace out/],
    [["quote", "--fields", "total", "x.yaml"], /--fields applies to --format json/],
  ])("%j is a usage error", async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  // 24,000 records are ~10 chunks: the worker's backlog fills, so the main thread prices chunks between the worker's.
  it("gives the same results with worker threads, in order, none dropped (built package)", HEAVY, () => {
    const dir = mkdtempSync(join(tmpdir(), "ratecard-batch-"));
    const file = join(dir, "in.ndjson");
    const lines = Array.from({ length: 24_000 }, (_, i) => (i % 500 === 7 ? '{"ruleset": "nope"}' : doc(i * 37)));
    writeFileSync(file, `${lines.join("\n")}\n`);
    const run = (jobs: string) =>
      spawnSync(
        process.execPath,
        [join(ROOT, "bin", "ratecard.js"), "quote", "--batch", file, "--lean", "--jobs", jobs],
        { encoding: "utf8", maxBuffer: 1 << 28 },
      );
    const one = run("1");
    const two = run("2");
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(results(two.stdout).map((r) => r.line)).toEqual(lines.map((_, i) => i + 1));
    expect(two.stderr).toMatch(/24,000 records in, 23,952 quoted, 48 refused.*2 jobs/);
  });
});

describe("OutputBuffer", () => {
  it("keeps every line whole as UTF-8 while it grows past its first 64 KB", HEAVY, async () => {
    const { OutputBuffer } = await import("../src/batch/output-buffer.js");
    const out = new OutputBuffer(0);
    const lines = Array.from({ length: 3_000 }, (_, i) => `{"line":${i},"note":"Zürich € 😀 ${"x".repeat(i % 97)}"}`);
    for (const line of lines) out.line(line);
    expect(Buffer.from(out.bytes()).toString("utf8")).toBe(lines.map((line) => `${line}\n`).join(""));
  });
});

describe("eachRecord", () => {
  // What each line gives when decoded alone, as the reader once did line by line.
  const alone = (bytes: Uint8Array, first: number) => {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const records: object[] = [];
    let start = 0;
    for (let line = first; start <= bytes.length; line++) {
      let end = bytes.indexOf(10, start);
      if (end < 0) end = bytes.length;
      if (end === bytes.length && start === end) break;
      try {
        const text = decoder.decode(bytes.subarray(start, end));
        if (text.replace(/[ \t\r\n\ufeff]/g, "") !== "") records.push({ line, text });
      } catch {
        records.push({ line, refused: "encoding" });
      }
      start = end + 1;
    }
    return records;
  };
  const piece = fc.constantFrom("{}", " ", "\t", "\r", "\ufeff", "é", "😀", '"a"', "\ufeff\ufeff{}");
  const line = fc.array(
    fc.oneof(
      piece.map((text) => Buffer.from(text)),
      // Bad UTF-8: a stray byte, a cut character, an encoded surrogate, an overlong slash, past U+10FFFF.
      fc.constantFrom(
        Buffer.from([0xff]),
        Buffer.from([0xc3]),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from([0xc0, 0xaf]),
        Buffer.from([0xf4, 0x90, 0x80, 0x80]),
      ),
    ),
    { maxLength: 5 },
  );

  it(
    "gives each line as decoding it alone gives it: byte order marks, blank lines and bad UTF-8 lines alike",
    HEAVY,
    async () => {
      const { eachRecord } = await import("../src/batch/read-records.js");
      fc.assert(
        fc.property(fc.array(line, { maxLength: 12 }), fc.integer({ min: 1, max: 1000 }), (lines, first) => {
          const bytes = Buffer.concat(lines.map((parts) => Buffer.concat([...parts, Buffer.from("\n")])));
          const records: object[] = [];
          eachRecord({ first, bytes }, (record) => records.push(record));
          expect(records).toEqual(alone(bytes, first));
        }),
        { numRuns: 2000 },
      );
    },
  );
});
