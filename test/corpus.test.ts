import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { formatProblem, loadRuleSet, parseUsage, RatecardError, ruleSetDirFor, validateRuleSet } from "../src/index.js";
import { quoteMonths } from "../src/decide/months.js";
import { RULES } from "./helpers.js";

const MARK = "⟨V⟩";

interface Case {
  name: string;
  text: string;
  code: string;
  /** Expected line and column; undefined when the case states none. */
  at?: [number, number];
}

interface Corpus {
  templates: Record<string, string>;
  groups: { templates: string[]; values: [string, string][] }[];
  cases: {
    name: string;
    text?: string;
    template?: string;
    nest?: number;
    nestMap?: number;
    items?: number;
    code: string;
    at?: [number, number] | null;
  }[];
}

/** Line and column (from 1) of the first ⟨V⟩ in a template. */
function markAt(template: string): [number, number] {
  const before = template.slice(0, template.indexOf(MARK)).split("\n");
  return [before.length, before.at(-1)!.length + 1];
}

/** Every case of a corpus file: each group's templates × values, then the whole documents. */
function corpusCases(file: string): Case[] {
  const corpus = parse(readFileSync(join(import.meta.dirname, "corpus", file), "utf8")) as Corpus;
  const crossed = corpus.groups.flatMap((group) =>
    group.templates.flatMap((name) => {
      const template = corpus.templates[name]!;
      return group.values.map(([value, code]) => ({
        name: `${name}: ${value}`,
        text: template.replace(MARK, value),
        code,
        at: markAt(template),
      }));
    }),
  );
  const whole = corpus.cases.map((c): Case => {
    if (!c.template) return { name: c.name, text: c.text!, code: c.code, ...(c.at ? { at: c.at } : {}) };
    const template = corpus.templates[c.template]!;
    const value = c.items
      ? `[${"1, ".repeat(c.items - 1)}1]`
      : c.nest
        ? "[".repeat(c.nest) + "]".repeat(c.nest)
        : `${"{ a: ".repeat(c.nestMap!)}1${" }".repeat(c.nestMap!)}`;
    const at = c.at === null ? {} : { at: c.at ?? markAt(template) };
    return { name: c.name, text: template.replace(MARK, value), code: c.code, ...at };
  });
  return [...crossed, ...whole];
}

/** The problems a usage document is refused with, by the path the CLI takes: parse, find the rule set, quote every month. */
function refusal(text: string): RatecardError {
  try {
    const usage = parseUsage(text, "case.yaml");
    quoteMonths(loadRuleSet(ruleSetDirFor(RULES, usage)), usage);
  } catch (error) {
    if (error instanceof RatecardError) return error;
    throw error;
  }
  throw new Error("the document was quoted; it should have been refused");
}

const cases = corpusCases("usage.yaml");

describe("bad usage documents: refused with a code at a position, never quoted", () => {
  it("the corpus holds enough cases", () => expect(cases.length).toBeGreaterThanOrEqual(200));

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const error = refusal(c.text);
    const found = error.problems.find((p) => p.code === c.code);
    expect(found, `got: ${error.message}`).toBeDefined();
    expect(c.at && [found!.source?.line, found!.source?.col], found!.message).toEqual(c.at);
    expect(found!.source?.file).toBe("case.yaml");
    // Messages stay short, however long the input.
    for (const problem of error.problems) expect(problem.message.length).toBeLessThan(600);
  });
});

interface RuleCase {
  name: string;
  file: string;
  find?: string;
  replace?: string;
  code: string;
  at?: [number, number];
  reportedIn?: string;
  latin1?: boolean;
  symlink?: string;
  pad?: number;
}

interface RuleCorpus {
  groups: {
    name: string;
    file: string;
    find: string;
    replace: string;
    values: [string, string, [number, number]?][];
  }[];
  cases: RuleCase[];
}

const FIXTURE = join(import.meta.dirname, "fixtures", "minimal");

/** Each group's edit with each value (expected at the value: where ⟨V⟩ stands in the edited file), then the single cases. */
function ruleCases(): RuleCase[] {
  const corpus = parse(readFileSync(join(import.meta.dirname, "corpus", "rules.yaml"), "utf8")) as RuleCorpus;
  const grouped = corpus.groups.flatMap((g) => {
    const text = readFileSync(join(FIXTURE, g.file), "utf8");
    if (!text.includes(g.find)) throw new Error(`${g.file} has no ${JSON.stringify(g.find)}`);
    const at = markAt(text.slice(0, text.indexOf(g.find)) + g.replace);
    return g.values.map(([value, code, own]) => ({
      name: `${g.name}: ${value}`,
      file: g.file,
      find: g.find,
      replace: g.replace.replace(MARK, value),
      code,
      at: own ?? at,
    }));
  });
  return [...grouped, ...corpus.cases];
}

const scratch = mkdtempSync(join(tmpdir(), "ratecard-corpus-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the fixture with the case's edit, in a folder named like the rule set's id. */
function edited(c: RuleCase, index: number): string {
  const dir = join(scratch, String(index), "minimal");
  cpSync(FIXTURE, dir, { recursive: true });
  const path = join(dir, c.file);
  if (c.symlink) {
    rmSync(path);
    symlinkSync(c.symlink, path);
    return dir;
  }
  const text = readFileSync(path, "utf8");
  if (!text.includes(c.find!)) throw new Error(`${c.file} has no ${JSON.stringify(c.find)}`);
  const replacement = c.pad ? c.replace!.replace("⟨padding⟩", "x".repeat(c.pad)) : c.replace!;
  writeFileSync(path, text.replace(c.find!, replacement), c.latin1 ? "latin1" : "utf8");
  return dir;
}

const rules = ruleCases();

describe("bad rule sets: refused with a code at a position, never loaded", () => {
  it("the corpus holds enough cases", () => expect(rules.length).toBeGreaterThanOrEqual(100));

  it.each(rules.map((c, i) => [c.name, c, i] as const))("%s", (_, c, i) => {
    const dir = edited(c, i);
    const problems = validateRuleSet(dir);
    const found = problems.find((p) => p.code === c.code);
    expect(found, `got: ${problems.map(formatProblem).join("\n")}`).toBeDefined();
    expect(found!.source?.file).toBe(join(dir, c.reportedIn ?? c.file));
    expect(c.at && [found!.source?.line, found!.source?.col], found!.message).toEqual(c.at);
    expect(() => loadRuleSet(dir)).toThrow(RatecardError);
    for (const problem of problems) expect(problem.message.length).toBeLessThan(600);
  });
});
