// Runs benchmark scripts (bench/*.ts) on the library as it ships: each script is compiled by
// esbuild with its imports of ../src/… pointed at the built dist/…, then run by plain node.
// Not through tsx: tsx compiles with esbuild's keepNames, which wraps every function created at
// run time in a naming call, and so slows closure-heavy code (the library's lean quote ran at
// 0.6× its shipped speed under it, the hand-written reference at 0.85×).
import { spawnSync } from "node:child_process";
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

for (const entry of process.argv.slice(2)) {
  const outfile = join(out, basename(entry).replace(/\.ts$/, ".mjs"));
  await build({ entryPoints: [entry], outfile, bundle: true, packages: "external", format: "esm", platform: "node", target: "node20", plugins: [libraryFromDist], logLevel: "warning" });
  const run = spawnSync(process.execPath, [outfile], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
