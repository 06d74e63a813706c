// Bundles the CLI (src/cli/bin-entry.ts) into dist/cli-bundle/ for bin/ratecard.js, and the batch
// worker thread (src/batch/worker.ts) beside it. Loading ~80 of ratecard's modules and the yaml
// package's ~60 files one by one took ~95 ms of every command's start, and ~250 ms of every
// worker's; a bundle loads in a few files. Subcommands imported on demand stay separate chunks,
// so each command still loads only what it runs. The library (dist/index.js) is not bundled.
import { rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist/cli-bundle", { recursive: true, force: true });
await build({
  entryPoints: { bin: "src/cli/bin-entry.ts", worker: "src/batch/worker.ts" },
  outdir: "dist/cli-bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Native addons and the ClickHouse client: loaded from node_modules by `meter` and `bill` only, when their engine is asked for.
  external: ["@duckdb/node-api", "chdb", "@clickhouse/client"],
  // yaml is CommonJS and requires Node's built-ins; an ES module bundle needs a require for that.
  banner: {
    js: 'import { createRequire as createRequireForBundle } from "node:module"; const require = createRequireForBundle(import.meta.url);',
  },
  legalComments: "none",
  logLevel: "warning",
});
