import { DuckDBInstance } from "@duckdb/node-api";
const inst = await DuckDBInstance.create(":memory:");
const c = await inst.connect();
for (const sql of process.argv.slice(2)) {
  const t = Date.now();
  try { const r = await c.runAndReadAll(sql); console.log(sql.slice(0,150), Date.now()-t, "ms", JSON.stringify(r.getRows().slice(0,5), (k,v)=> typeof v==="bigint"? String(v): v).slice(0,500)); } catch (e) { console.log(sql.slice(0,150), "ERR", Date.now()-t, e.message.split("\n")[0]); }
}
