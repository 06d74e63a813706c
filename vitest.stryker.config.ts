import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

/** Whether a test file is one of the table-driven tests written against surviving mutants. */
const isMutantsTest = (spec: TestSpecification) => /\/test\/mutants-[^/]+\.test\.ts$/.test(spec.moduleId);

/**
 * test/mutants-*.test.ts first, the rest of the suite after: with Stryker's bail on the first
 * failure, a mutant these small, fast tests kill costs a second, not a run of every test that
 * covers it (on a loaded 2-core machine that was the difference between 5 and 25 mutants a
 * minute). A mutant is then `killedBy` another test only when no mutants-* test kills it
 * (scripts/mutation-score.mjs).
 */
class MutantsTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter(isMutantsTest), ...sorted.filter((spec) => !isMutantsTest(spec))];
  }
}

/**
 * The tests a mutation run (`npm run mutate`, stryker.config.json) runs against src/compile,
 * src/evaluate, src/usage and src/money: those that quote, compile or read usage in-process.
 * Left out, since they cannot see a mutant or would run for minutes per surviving mutant: tests of
 * other stages (events and DuckDB engines, batch files and worker threads, docs, lint, schemas,
 * JSON and YAML parsing, the editor, the parse cache), those that run dist/ or another process
 * (browser, packed package, CLI processes, dev), and the property, limit and catalog-scale runs;
 * `npm test` runs them all. Leaving a test out can only lower the score: the score measured
 * here is a lower bound of what the whole suite kills.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      // Test files share one module cache: the rule sets test/helpers.ts compiles on import are
      // compiled once, not once per file per mutant (mutants are switched on while a test runs,
      // so cached modules see them).
      isolate: false,
      env: { RATECARD_MUTATION_RUN: "1" },
      sequence: { sequencer: MutantsTestsFirst },
      // Vitest merges lists, so the base config's include stays and the other test files are excluded by name.
      exclude: [
        "node_modules/**",
        "test/batch.test.ts",
        "test/bench-readme.test.ts",
        "test/browser.test.ts",
        "test/catalog-scale.test.ts",
        "test/cli-hostile.test.ts",
        "test/dev.test.ts",
        "test/diff.test.ts",
        "test/docs.test.ts",
        "test/editor.test.ts",
        "test/invalid-rules.test.ts",
        "test/limits.test.ts",
        "test/lint.test.ts",
        "test/load-anywhere.test.ts",
        "test/meter.test.ts",
        "test/meter-aggregations.test.ts",
        "test/meter-clickhouse-http.test.ts",
        "test/meter-engines.test.ts",
        "test/meter-hourly.test.ts",
        "test/meter-trust.test.ts",
        "test/package.test.ts",
        "test/parse-cache.test.ts",
        "test/parse-json.test.ts",
        "test/properties.test.ts",
        "test/schemas.test.ts",
        "test/tutorial.test.ts",
        "test/write-result.test.ts",
        "test/yaml-messages.test.ts",
      ],
    },
  }),
);
