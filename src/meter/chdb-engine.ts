import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { RatecardError } from "../errors/ratecard-error.js";
import { clickhouseDialect } from "./clickhouse-dialect.js";
import { clickhouseSettings, fileFormat } from "./clickhouse-files.js";
import type { Events, MeterEngine } from "./engine.js";
import type { EventSource } from "./event-source.js";
import { checkWidth } from "./event-width.js";

/**
 * The part of the chdb package this engine uses, stated here so that ratecard builds and type-checks
 * without the optional package installed.
 */
interface Chdb {
  Session: new () => {
    queryAsync(sql: string, options: { format: string }): Promise<{ text(): string }>;
    queryStream(sql: string, options: { format: string }): AsyncIterable<{ rows<T>(): T[] }>;
    close(): void;
  };
}

/**
 * Embedded ClickHouse (the npm package `chdb`: the engine of a ClickHouse server, in process).
 * An optional install: imported only when `--engine chdb` asks for it. One engine per process.
 */
export async function chdbEngine(memoryLimit: string | undefined): Promise<MeterEngine> {
  const chdb = await importChdb();
  const session = new chdb.Session();
  const links = mkdtempSync(join(tmpdir(), "ratecard-chdb-"));
  let open = true;
  const engine: MeterEngine = {
    dialect: clickhouseDialect,
    async open(events: Events, columns: readonly string[]) {
      if (events.kind !== "files")
        throw new Error("chdb reads events from files; a table is read by --engine clickhouse --url");
      await checkWidth(events.files);
      const { csvSeparator } = fileFormat(events.files, columns);
      if (csvSeparator) await engine.run(`SET format_csv_delimiter = ${clickhouseDialect.literal(csvSeparator)}`);
      const relation = fileRelation(events.files, links, columns);
      const described = (
        await session.queryAsync(`DESCRIBE TABLE ${relation}`, { format: "JSONCompactEachRow" })
      ).text();
      const rows = described
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as string[]);
      return { relation, columns: new Map(rows.map((row) => [row[0]!, row[1]!])) };
    },
    run: async (sql) => void (await session.queryAsync(sql, { format: "Null" })),
    async *rows(sql) {
      for await (const chunk of session.queryStream(sql, { format: "JSONCompactEachRow" }))
        yield chunk.rows<string[]>();
    },
    progress: () => -1,
    close() {
      if (!open) return;
      open = false;
      session.close();
      rmSync(links, { recursive: true, force: true });
    },
  };
  try {
    for (const statement of settingsSql(memoryLimit)) await engine.run(statement);
  } catch (error) {
    engine.close();
    throw error;
  }
  return engine;
}

async function importChdb(): Promise<Chdb> {
  return optionalImport<Chdb>(
    "chdb",
    "--engine chdb needs the chdb package (embedded ClickHouse, about 550 MB), an optional install: npm install chdb (next to ratecard); or meter with --engine duckdb",
  );
}

/** A package ratecard installs only when asked: imported, or a coded problem saying how to install it. */
export async function optionalImport<T>(name: string, howToInstall: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new RatecardError([{ code: "engine.unavailable", message: howToInstall, path: [] }]);
  }
}

/** The settings of every query: how files are read, and the memory limit (past half of it, GROUP BY spills to disk). */
function settingsSql(memoryLimit: string | undefined): string[] {
  return Object.entries(clickhouseSettings(memoryLimit)).map(
    ([name, value]) => `SET ${name} = ${typeof value === "string" ? clickhouseDialect.literal(value) : String(value)}`,
  );
}

/**
 * The files as ClickHouse's `file()` reads them. ClickHouse expands `*`, `?` and `{…}` in a path
 * and has no escape for them, so each file is read through a link of a plain name in a folder of
 * ratecard's own: the path as written is never read as a pattern.
 */
function fileRelation(source: EventSource, links: string, columns: readonly string[]): string {
  source.files.forEach((file, index) =>
    symlinkSync(file, join(links, `events-${String(index).padStart(6, "0")}${extname(file).toLowerCase()}`)),
  );
  const { format, structure } = fileFormat(source, columns);
  const pattern = join(links, `events-*${extname(source.files[0]!).toLowerCase()}`);
  return `file(${clickhouseDialect.literal(pattern)}, ${clickhouseDialect.literal(format)}${structure ? `, ${clickhouseDialect.literal(structure)}` : ""})`;
}
