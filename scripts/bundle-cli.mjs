// Bundles the CLI (src/cli/bin-entry.ts) into dist/cli-bundle/ for bin/ratecard.js, and the batch
// worker thread (src/batch/worker.ts) beside it. Loading ~80 of ratecard's modules and the yaml
// package's ~60 files one by one took ~95 ms of every command's start, and ~250 ms of every
// worker's; a bundle loads in a few files. Subcommands imported on demand stay separate chunks,
// so each command still loads only what it runs. The library (dist/index.js) is not bundled.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Script } from "node:vm";
import { build } from "esbuild";

const OUT = "dist/cli-bundle";

/**
 * The generated validators (~640 KB of ajv code) as a classic script whose value is the object of
 * validators: unlike a module, a script can be compiled from V8's code cache.
 */
function validatorsScript() {
  const module = readFileSync("generated/validators.js", "utf8");
  const names = [];
  const body = module.replace(/export const (\w+) = (validate\d+);/g, (_, name, fn) => {
    names.push(`${name}: ${fn}`);
    return "";
  });
  if (names.length !== 4 || /\bexport\b|\bimport\b/.test(body.replace(/"(?:[^"\\]|\\.)*"/g, "")))
    throw new Error(
      "generated/validators.js: expected 4 `export const name = validateN;` and no other import or export",
    );
  return `(function () {\n"use strict";\n${body}\nreturn { ${names.join(", ")} };\n})()`;
}

/**
 * Compiles the script, runs every validator over the bundled rule sets and usage examples (so V8
 * compiles the functions they reach), and keeps what V8 compiled as its code cache. Compiling the
 * validators took ~27 ms of `quote`'s start and ~12 ms more at their first calls; from the cache
 * both take a few. A Node whose V8 differs rejects the cache and compiles the script as before.
 */
async function codeCache(source, filename) {
  const { folderFiles, ROOT_FILE } = await import("../dist/load/rule-files.js");
  const { readSource } = await import("../dist/load/read-source.js");
  const script = new Script(source, { filename });
  const validators = script.runInThisContext();
  const yamlIn = (dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith(".yaml"))
      .map((file) => join(dir, file));
  const examples = yamlIn("examples");
  for (const name of readdirSync("rules")) {
    const files = folderFiles(join("rules", name));
    const root = files.read(ROOT_FILE).doc?.data;
    validators.ruleset(root);
    for (const mode of root?.modes ?? []) validators.mode(files.read(mode).doc?.data);
    examples.push(...yamlIn(join("rules", name, "examples")));
  }
  for (const file of examples) validators.usage(readSource(file).doc?.data);
  return script.createCachedData();
}

/** Stands in for generated/validators.js in the bundle: the script, compiled with its code cache when that is there. */
function cachedValidators(source, cacheFile) {
  return `import { readFileSync } from "node:fs";
import { Script } from "node:vm";
const SOURCE = ${JSON.stringify(source)};
function cachedData() {
  try {
    return readFileSync(new URL(${JSON.stringify(`./${cacheFile}`)}, import.meta.url));
  } catch {
    return undefined;
  }
}
export const { ruleset, mode, usage, quote } = new Script(SOURCE, {
  filename: "ratecard/generated/validators.js",
  cachedData: cachedData(),
}).runInThisContext();
`;
}

const source = validatorsScript();
// Named by the script's hash: V8 checks a cache against its source's length only.
const cacheFile = `validators-${createHash("sha256").update(source).digest("hex").slice(0, 16)}.cache`;
const validatorsPlugin = {
  name: "cached-validators",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]generated[\\/]validators\.js$/ }, () => ({
      contents: cachedValidators(source, cacheFile),
      loader: "js",
    }));
  },
};

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: { bin: "src/cli/bin-entry.ts", worker: "src/batch/worker.ts" },
  outdir: OUT,
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
  plugins: [validatorsPlugin],
  legalComments: "none",
  logLevel: "warning",
});
writeFileSync(join(OUT, cacheFile), await codeCache(source, "ratecard/generated/validators.js"));
