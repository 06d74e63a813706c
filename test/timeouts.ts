/**
 * For a test that takes over ~0.2 s on an idle machine (property runs, thousands of documents, child
 * processes, DuckDB). vitest's default 5 s was not enough on a loaded 2-core machine, nor under
 * Stryker's instrumented code (`npm run mutate`), which runs several times slower.
 */
export const HEAVY = { timeout: 120_000 };

/**
 * Set by vitest.stryker.config.ts: a mutation run executes instrumented code on every covered test
 * for each mutant, so long property runs there take fewer cases (the score is a lower bound anyway);
 * `npm test` always runs them in full.
 */
export const MUTATION_RUN = process.env.RATECARD_MUTATION_RUN === "1";
