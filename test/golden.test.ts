import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "./helpers.js";

const EXAMPLES = join(ROOT, "examples");
const GOLDEN = join(ROOT, "test", "golden");
const update = process.env.UPDATE_GOLDEN === "1";

/**
 * Golden files: the quote of every example, as JSON, as the table people read and as plain sentences.
 * Regenerate with UPDATE_GOLDEN=1 npm test, then review the diff before committing.
 */
describe("golden quotes of the examples", () => {
  const files = readdirSync(EXAMPLES).filter((f) => /\.(ya?ml|json)$/.test(f));
  it.each(files)("%s", async (file) => {
    const name = basename(file).replace(/\.(ya?ml|json)$/, "");
    const runs = { json: ["quote", "--format", "json"], txt: ["quote", "--format", "table"], "explain.txt": ["explain"] };
    for (const [extension, args] of Object.entries(runs)) {
      const { code, stdout, stderr } = await cli([...args, join(EXAMPLES, file)]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const golden = join(GOLDEN, `${name}.${extension}`);
      if (update || !existsSync(golden)) writeFileSync(golden, stdout);
      expect(stdout).toBe(readFileSync(golden, "utf8"));
    }
  });
});
