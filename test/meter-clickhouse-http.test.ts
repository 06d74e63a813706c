import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpus, corpusFiles } from "./fixtures/events-corpus.js";
import { cli, ROOT } from "./helpers.js";

/**
 * --engine clickhouse over HTTP, end to end: the official client, the SQL and the streaming of
 * results, against the ClickHouse engine (chdb) behind a loopback HTTP endpoint
 * (fixtures/children/clickhouse-http.ts). Its documents and bills must be DuckDB's, byte for byte.
 */
const dir = mkdtempSync(join(tmpdir(), "ratecard-http-"));
const written = corpusFiles(dir, corpus(11));
const customers = join(dir, "customers.ndjson");
writeFileSync(
  customers,
  Array.from({ length: 45 }, (_, c) => JSON.stringify({ customer: `c${c}`, edition: c % 2 ? "team" : "scale" })).join(
    "\n",
  ) + "\n",
);
const credentials = { CLICKHOUSE_USER: "meter", CLICKHOUSE_PASSWORD: "s3cret 'quoted'" };
let server: ChildProcess;
let url = "";

beforeAll(async () => {
  const typed = (await written).find((file) => file.endsWith("typed.parquet"))!;
  const seed = `CREATE DATABASE db;\nCREATE TABLE db.events ENGINE = MergeTree ORDER BY tuple() AS SELECT * FROM file('${typed}', Parquet)`;
  server = spawn(
    process.execPath,
    ["--import", "tsx", join(ROOT, "test", "fixtures", "children", "clickhouse-http.ts")],
    {
      env: { ...process.env, ...credentials, SEED_SQL: seed },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const [port] = (await once(createInterface({ input: server.stdout! }), "line")) as [string];
  url = `http://127.0.0.1:${port}`;
  Object.assign(process.env, credentials);
}, 60_000);

afterAll(() => {
  server.kill();
  for (const name of Object.keys(credentials)) delete process.env[name];
});

/** A run's documents, summary (sorted: each engine lists refusals in its own order) and bills. */
async function runOn(source: string[], engine: string[]) {
  const common = [...source, "--period", "2026-10", "--ruleset", "example-api", ...engine];
  const metered = await cli(["meter", ...common]);
  const billed = await cli(["bill", ...common, "--customers", customers, "--jobs", "1", "--lean"]);
  return {
    documents: metered.stdout,
    meterSummary: metered.stderr.split("\n").sort(),
    bills: billed.stdout,
    billSummary: billed.stderr
      .replace(/priced in [\d.]+ s/, "")
      .split("\n")
      .sort(),
  };
}

describe("ratecard meter --engine clickhouse --url: a ClickHouse server over HTTP", { timeout: 120_000 }, () => {
  it.each(["events.ndjson", "events.csv", "semicolons.csv", "text.parquet", "typed.parquet"])(
    "%s sent to the server gives DuckDB's documents, counts and bills",
    async (name) => {
      const file = (await written).find((f) => f.endsWith(name))!;
      const duckdb = await runOn(["--events", file], ["--engine", "duckdb"]);
      expect(duckdb.documents.split("\n").length).toBeGreaterThan(30);
      expect(await runOn(["--events", file], ["--engine", "clickhouse", "--url", url])).toEqual(duckdb);
    },
  );

  it("reads a table of the server's (--table db.events) as DuckDB reads the same events from Parquet", async () => {
    const typed = (await written).find((f) => f.endsWith("typed.parquet"))!;
    const duckdb = await runOn(["--events", typed], ["--engine", "duckdb"]);
    expect(await runOn(["--table", "db.events"], ["--engine", "clickhouse", "--url", url])).toEqual(duckdb);
  });

  it("takes credentials from the environment only, and says when the server refuses them", async () => {
    const args = [
      "meter",
      "--table",
      "db.events",
      "--period",
      "2026-10",
      "--ruleset",
      "example-api",
      "--engine",
      "clickhouse",
    ];
    const inUrl = await cli([...args, "--url", url.replace("http://", "http://meter:s3cret@")]);
    expect([inUrl.code, inUrl.stderr]).toEqual([
      1,
      "usage.value  --url must not hold credentials (they would show in the process list and the shell's history): set CLICKHOUSE_USER and CLICKHOUSE_PASSWORD\n",
    ]);
    process.env.CLICKHOUSE_PASSWORD = "wrong";
    const refused = await cli([...args, "--url", url]);
    process.env.CLICKHOUSE_PASSWORD = credentials.CLICKHOUSE_PASSWORD;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^engine\.unavailable {2}the ClickHouse server at http:\/\/127\.0\.0\.1:\d+ cannot be reached: .*Authentication failed/,
    );
    const table = await cli([...args, "--url", url, "--table", "db.events; DROP TABLE x"]);
    expect(table.stderr).toBe(
      'usage.value  --table must be a table\'s name, such as db.events, not "db.events; DROP TABLE x"\n',
    );
  });
});
