import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectGolden } from "./golden-file.js";
import { cli, ROOT } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

const EXAMPLES = join(ROOT, "examples");
const GOLDEN = join(ROOT, "test", "golden");

/**
 * Golden files: the quote of every example, as JSON, as the table people read and as plain sentences.
 * Regenerate with UPDATE_GOLDEN=1 npm test, then review the diff before committing; without the flag
 * a missing golden fails.
 */
describe("golden quotes of the examples", () => {
  const files = readdirSync(EXAMPLES).filter((f) => /\.(ya?ml|json)$/.test(f));
  it.each(files)(
    "%s",
    async (file) => {
      const name = basename(file).replace(/\.(ya?ml|json)$/, "");
      const runs = {
        json: ["quote", "--format", "json"],
        txt: ["quote", "--format", "table"],
        "explain.txt": ["explain"],
      };
      for (const [extension, args] of Object.entries(runs)) {
        const { code, stdout, stderr } = await cli([...args, join(EXAMPLES, file)]);
        expect(stderr).toBe("");
        expect(code).toBe(0);
        expectGolden(join(GOLDEN, `${name}.${extension}`), stdout);
      }
    },
    HEAVY.timeout,
  );
});

describe("golden files", () => {
  const EXTENSIONS = /\.(json|txt|explain\.txt)$/;
  it("each quote golden belongs to an example (a removed example leaves no stale golden)", () => {
    const examples = new Set(readdirSync(EXAMPLES).map((f) => basename(f).replace(/\.(ya?ml|json)$/, "")));
    const quoteGoldens = readdirSync(GOLDEN).filter((f) => EXTENSIONS.test(f));
    expect(quoteGoldens.length).toBe(3 * examples.size);
    expect(quoteGoldens.filter((f) => !examples.has(f.replace(/\.(explain\.txt|json|txt)$/, "")))).toEqual([]);
  });

  it("a missing golden fails and is not written, unless UPDATE_GOLDEN is set", () => {
    const dir = mkdtempSync(join(tmpdir(), "ratecard-golden-"));
    const path = join(dir, "missing.txt");
    expect(() => expectGolden(path, "output\n", false)).toThrow(
      /golden file .*missing\.txt is missing; write it with UPDATE_GOLDEN=1/,
    );
    expect(readdirSync(dir)).toEqual([]);
    expectGolden(path, "output\n", true);
    expect(readFileSync(path, "utf8")).toBe("output\n");
  });

  it("a golden that differs fails", () => {
    const path = join(mkdtempSync(join(tmpdir(), "ratecard-golden-")), "old.txt");
    expectGolden(path, "before\n", true);
    expect(() => expectGolden(path, "after\n", false)).toThrow(/golden file .*old\.txt/);
    expect(readFileSync(path, "utf8")).toBe("before\n");
  });
});
