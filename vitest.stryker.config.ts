import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * The tests a mutation run (`npm run mutate`, stryker.config.json) runs against src/compile,
 * src/evaluate, src/usage and src/money. Left out: tests of other stages (events and DuckDB,
 * batch files and worker threads, docs, lint, schemas, JSON parsing, the parse cache), those that
 * run dist/ or another process (browser, packed package), which cannot see a mutant, and the
 * 10,000-document and fuzzing property runs (limits, properties), which would run for every
 * surviving mutant at minutes each; `npm test` runs them all.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        "node_modules/**",
        "test/browser.test.ts",
        "test/package.test.ts",
        "test/batch.test.ts",
        "test/meter.test.ts",
        "test/meter-aggregations.test.ts",
        "test/docs.test.ts",
        "test/lint.test.ts",
        "test/diff.test.ts",
        "test/parse-cache.test.ts",
        "test/parse-json.test.ts",
        "test/schemas.test.ts",
        "test/tutorial.test.ts",
        "test/write-result.test.ts",
        "test/limits.test.ts",
        "test/properties.test.ts",
      ],
    },
  }),
);
