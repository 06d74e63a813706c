import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

/** Whether a test file is one of the table-driven tests written against surviving mutants. */
const isMutantsTest = (spec: TestSpecification) => /\/test\/mutants-[^/]+\.test\.ts$/.test(spec.moduleId);

/**
 * The rest of the suite first, test/mutants-*.test.ts last: with Stryker's bail on the first
 * failure, a mutant is `killedBy` a mutants-* test only when no other test kills it, so one run
 * gives the score with and without them (scripts/mutation-score.mjs).
 */
class MutantsTestsLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((spec) => !isMutantsTest(spec)), ...sorted.filter(isMutantsTest)];
  }
}

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
      // Test files share one module cache: the rule sets test/helpers.ts compiles on import are
      // compiled once, not once per file per mutant (mutants are switched on while a test runs,
      // so cached modules see them).
      isolate: false,
      sequence: { sequencer: MutantsTestsLast },
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
        "test/catalog-scale.test.ts",
        "test/cli-hostile.test.ts",
        "test/dev.test.ts",
        "test/editor.test.ts",
        "test/locale-format.test.ts",
        "test/meter-clickhouse-http.test.ts",
        "test/meter-engines.test.ts",
        "test/meter-trust.test.ts",
        "test/yaml-messages.test.ts",
      ],
    },
  }),
);
