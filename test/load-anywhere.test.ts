import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  loadRuleSet,
  loadRuleSetAsync,
  loadRuleSetFromData,
  loadRuleSetFromTexts,
  parseUsage,
  quote,
  validateRuleSet,
  validateRuleSetAsync,
  type RuleSet,
} from "../src/index.js";
import { exampleFiles } from "../src/examples/run-examples.js";
import { BUNDLED_DIRS, problemsOf, RULES } from "./helpers.js";

const SAAS_DIR = join(RULES, "example-saas");

/** Every rule file of a rule-set folder, by its name in the rule set. */
function ruleTexts(dir: string): Record<string, string> {
  const walk = (sub: string): string[] =>
    readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? (entry.name === "examples" ? [] : walk(join(sub, entry.name))) : [join(sub, entry.name)],
    );
  return Object.fromEntries(walk("").map((file) => [relative("", file), readFileSync(join(dir, file), "utf8")]));
}

/** Every example's lean quote (or its problem codes), to compare rule sets loaded in different ways. */
function quotes(dir: string, ruleSet: RuleSet): unknown[] {
  return exampleFiles(dir).map((file) => {
    const usage = parseUsage(readFileSync(file, "utf8"), file);
    try {
      return quote(ruleSet, usage);
    } catch (error) {
      return problemsOf(() => {
        throw error;
      }).map((problem) => problem.code);
    }
  });
}

describe.each(BUNDLED_DIRS)("the rule set %s loaded from anywhere", (dir) => {
  const expected = quotes(dir, loadRuleSet(dir));

  it("from texts by file name, quoting every example as from its folder", () => {
    expect(quotes(dir, loadRuleSetFromTexts(ruleTexts(dir)))).toEqual(expected);
  });

  it("from data parsed by another YAML reader (decimals as floats), quoting the same", () => {
    const data = Object.fromEntries(
      Object.entries(ruleTexts(dir)).map(([file, text]) => [file, parse(text) as unknown]),
    );
    expect(quotes(dir, loadRuleSetFromData(data))).toEqual(expected);
  });

  it("from its folder, read without blocking", async () => {
    expect(quotes(dir, await loadRuleSetAsync(dir))).toEqual(expected);
    expect(await validateRuleSetAsync(dir)).toEqual([]);
  });
});

describe("rule files from memory, when something is wrong", () => {
  const texts = ruleTexts(SAAS_DIR);
  const root = texts["ruleset.yaml"]!;
  const modeFile = Object.keys(texts).find((file) => file.startsWith("modes/"))!;

  it("names the file given, with line and column", () => {
    const problems = problemsOf(() =>
      loadRuleSetFromTexts({ ...texts, [modeFile]: "id: [unclosed" }, { name: "shop" }),
    );
    expect(problems.map((p) => [p.code, p.source?.file, p.source?.line])).toEqual([
      ["yaml.syntax", `shop/${modeFile}`, 1],
    ]);
  });

  it.each([
    ["no ruleset.yaml", { [modeFile]: texts[modeFile]! }, "ruleset.not-found", []],
    ["a listed mode file missing", { "ruleset.yaml": root }, "file.not-found", []],
    [
      "a mode file outside the rule set",
      { "ruleset.yaml": root.replace(`- ${modeFile}`, "- ../other/main.yaml").replace(modeFile, "../other/main.yaml") },
      "file.outside",
      ["modes", 0],
    ],
    ["a text that is not a string", { ...texts, [modeFile]: 42 }, "api.argument", []],
  ])("%s is a coded problem", (_name, files, code, path) => {
    const problems = problemsOf(() => loadRuleSetFromTexts(files as Record<string, string>));
    expect(problems[0]).toMatchObject({ code, path });
  });

  it("a missing mode file names the files that were given", () => {
    const [problem] = problemsOf(() => loadRuleSetFromTexts({ "ruleset.yaml": root }));
    expect(problem!.message).toContain("among the files given (ruleset.yaml)");
    expect(problem!.source?.file).toBe("ruleset.yaml");
  });

  it.each([[null], [[]], ["ruleset.yaml"], [7]])("refuses %j as the map of files", (value) => {
    expect(problemsOf(() => loadRuleSetFromTexts(value as never))[0]!.code).toBe("api.argument");
    expect(problemsOf(() => loadRuleSetFromData(value as never))[0]!.code).toBe("api.argument");
  });

  it("refuses data that is not plain, before reading it", () => {
    const data = { "ruleset.yaml": { id: "x", created: new Date(0) } };
    expect(problemsOf(() => loadRuleSetFromData(data))[0]!.code).toBe("input.type");
  });

  it("reads ids such as __proto__ and constructor as ordinary keys", () => {
    const problems = problemsOf(() =>
      loadRuleSetFromData(JSON.parse('{"ruleset.yaml": {"__proto__": {"id": "x"}}}') as Record<string, unknown>),
    );
    expect(problems.map((p) => [p.code, p.path.join(".")])).toContainEqual(["schema.unknown-property", "__proto__"]);
    expect(problems.map((p) => p.message)).toContain('(document) is missing the required property "id"');
  });

  it("validateRuleSetAsync finds what validateRuleSet finds", async () => {
    const broken = join(SAAS_DIR, "no-such-folder");
    expect(await validateRuleSetAsync(broken)).toEqual(validateRuleSet(broken));
    expect(validateRuleSet(broken)[0]!.code).toBe("ruleset.not-found");
  });
});
