import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintRuleSet } from "../src/lint/index.js";
import { runExamples } from "../src/examples/run-examples.js";
import { ROOT } from "./helpers.js";

/** The tutorial's files, put together, must make a rule set that passes check and test. */
describe("docs/tutorial.md", () => {
  it("builds a rule set that checks clean and whose example passes", () => {
    const text = readFileSync(join(ROOT, "docs", "tutorial.md"), "utf8");
    const files = [...text.matchAll(/<!-- tutorial-file: (\S+) -->\n```yaml\n([\s\S]*?)```/g)];
    expect(files.map((m) => m[1])).toEqual(["ruleset.yaml", "modes/main.yaml", "examples/pro-with-history.yaml"]);
    const dir = join(mkdtempSync(join(tmpdir(), "ratecard-tutorial-")), "rules", "chat-demo");
    for (const [, file, body] of files) {
      mkdirSync(dirname(join(dir, file!)), { recursive: true });
      writeFileSync(join(dir, file!), body!);
    }
    expect(lintRuleSet(dir)).toEqual([]);
    expect(runExamples(dir).map((r) => [r.ok, r.total, r.mismatches])).toEqual([[true, "54.00", []]]);
  });
});
