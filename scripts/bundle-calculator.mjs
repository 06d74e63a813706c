// Bundles the browser calculator (src/browser/calculator.ts) into dist/browser/calculator.js,
// the script `ratecard docs` inlines into every generated HTML page.
import { build } from "esbuild";

await build({
  entryPoints: ["src/browser/calculator.ts"],
  outfile: "dist/browser/calculator.js",
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
