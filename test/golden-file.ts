import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { expect } from "vitest";

/** Golden files are written only on request: `UPDATE_GOLDEN=1 npm test`, then review the diff before committing. */
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === "1";

/**
 * Compares `actual` with the golden file at `path`. Without the update flag a missing golden is a
 * failure, never a file written in passing: a test that writes its own expectation cannot fail.
 */
export function expectGolden(path: string, actual: string, update = UPDATE_GOLDEN): void {
  if (update) writeFileSync(path, actual);
  else if (!existsSync(path))
    throw new Error(`golden file ${path} is missing; write it with UPDATE_GOLDEN=1 and review it before committing`);
  expect(
    actual,
    `golden file ${path} (if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff)`,
  ).toBe(readFileSync(path, "utf8"));
}
