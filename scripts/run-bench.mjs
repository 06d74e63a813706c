// Runs benchmark scripts (bench/*.ts) on the library as it ships: each script is compiled by
// esbuild with its imports of ../src/… pointed at the built dist/…, then run by plain node.
// Not through tsx: tsx compiles with esbuild's keepNames, which wraps every function created at
// run time in a naming call, and so slows closure-heavy code (the library's lean quote ran at
// 0.6× its shipped speed under it, the hand-written reference at 0.85×).
// With --readme, the rows the scripts print beside their targets (bench/rows.ts) are written into
// README's speed table (bench/readme-speed.ts) once every script has run.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
// Beside bench/, so that a script's import.meta.dirname/.. is still the project root.
const out = join(root, ".bench");

/** `../src/x.js` → the built `dist/x.js`, left as an import so every script shares one copy of the library. */
const libraryFromDist = {
  name: "library-from-dist",
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/src\// }, (args) => ({
      path: pathToFileURL(resolve(args.resolveDir, args.path.replace(/^\.\.\/src\//, "../dist/"))).href,
      external: true,
    }));
  },
};

async function compiled(entry) {
  const outfile = join(out, basename(entry).replace(/\.ts$/, ".mjs"));
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    packages: "external",
    format: "esm",
    platform: "node",
    target: "node20",
    plugins: [libraryFromDist],
    logLevel: "warning",
  });
  return outfile;
}

const readme = process.argv.includes("--readme");
const rows = join(out, "rows.ndjson");
mkdirSync(out, { recursive: true });
rmSync(rows, { force: true });
const load = [];
for (const entry of process.argv.slice(2).filter((arg) => arg !== "--readme")) {
  load.push(loadavg()[0]);
  const run = spawnSync(process.execPath, [await compiled(entry)], {
    stdio: "inherit",
    env: { ...process.env, BENCH_ROWS: rows },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
if (readme) {
  const { writeSpeedTable } = await import(pathToFileURL(await compiled(join(root, "bench", "readme-speed.ts"))).href);
  const machine = `Measured by \`npm run bench\` on ${availableParallelism()} cores of ${cpus()[0]?.model.trim() ?? "an unknown CPU"}, Node ${process.versions.node}, load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} when the scripts started (the machine is shared: wall-clock ratios move with its load).`;
  writeSpeedTable(join(root, "README.md"), rows, machine);
  console.log("README.md: speed table written");
}
