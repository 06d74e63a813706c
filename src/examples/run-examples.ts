import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { quote } from "../evaluate/quote.js";
import { parseUsage } from "../load/parse-usage.js";
import type { RuleSet } from "../model/plan.js";
import { loadRuleSet } from "../rulesets/load-ruleset.js";
import { formatProblem, RatecardError } from "../errors/ratecard-error.js";
import type { Quote } from "../model/quote.js";
import type { UsageDocument } from "../model/usage.js";

/** One difference between what an example expects and what the rules quote. */
interface Mismatch {
  what: string;
  expected: string;
  actual: string;
}

export interface ExampleResult {
  file: string;
  name: string;
  ok: boolean;
  total?: string;
  /** The expected problem code an example that expects an error was refused with. */
  refusedWith?: string;
  mismatches: Mismatch[];
  /** What the rules gave, when the example could be read: its quote, or the codes it was refused with. */
  got?: { quote: Quote } | { codes: string[] };
}

const EXAMPLES_DIR = "examples";

/** The example files of a rule set: usage documents with an `expect:` under <ruleset>/examples/. */
export function exampleFiles(ruleSetDir: string): string[] {
  const dir = join(ruleSetDir, EXAMPLES_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Quotes every example of a rule set and compares it with what it expects. */
export function runExamples(ruleSetDir: string, ruleSet: RuleSet = loadRuleSet(ruleSetDir)): ExampleResult[] {
  return exampleFiles(ruleSetDir).map((file) => runExample(ruleSet, file));
}

function runExample(ruleSet: RuleSet, file: string): ExampleResult {
  const name = file;
  try {
    const usage = parseUsage(readFileSync(file, "utf8"), file);
    const doc = usage.data as UsageDocument;
    if (!doc?.expect)
      return {
        file,
        name: doc?.name ?? name,
        ok: false,
        mismatches: [{ what: "expect", expected: "an `expect:` block", actual: "none" }],
      };
    const refused = refusal(() => quote(ruleSet, usage));
    if (refused instanceof RatecardError) {
      const codes = refused.problems.map((problem) => problem.code);
      const got = { codes };
      const wanted = doc.expect.error;
      if (wanted !== undefined && codes.some((code) => code === wanted))
        return { file, name: doc.name ?? name, ok: true, refusedWith: wanted, mismatches: [], got };
      const actual = refused.problems.map(formatProblem).join("; ");
      return {
        file,
        name: doc.name ?? name,
        ok: false,
        mismatches: [{ what: "quote", expected: doc.expect.error ?? "a quote", actual }],
        got,
      };
    }
    const got = { quote: refused };
    if (doc.expect.error !== undefined) {
      return {
        file,
        name: doc.name ?? name,
        ok: false,
        total: refused.total,
        mismatches: [{ what: "error", expected: doc.expect.error, actual: `a quote totalling ${refused.total}` }],
        got,
      };
    }
    const mismatches = compare(doc.expect, refused);
    return { file, name: doc.name ?? name, ok: mismatches.length === 0, total: refused.total, mismatches, got };
  } catch (error) {
    if (!(error instanceof RatecardError)) throw error;
    const actual = error.problems.map(formatProblem).join("; ");
    return { file, name, ok: false, mismatches: [{ what: "quote", expected: "a quote", actual }] };
  }
}

/** The quote, or the RatecardError that refused the document. */
function refusal(run: () => Quote): Quote | RatecardError {
  try {
    return run();
  } catch (error) {
    if (error instanceof RatecardError) return error;
    throw error;
  }
}

/**
 * Each line's amount under the key `expect.lines` names it by: its id, or `kind/id` when lines of
 * several kinds share the id (an edition's fee, minimum-spend true-up and spend cap all carry the
 * edition's id), with ` (2)`, ` (3)` after a key met again (an edition back later in the month).
 */
function lineKeys(lines: Quote["lines"]): Map<string, string> {
  const count = new Map<string, number>();
  for (const { id } of lines) count.set(id, (count.get(id) ?? 0) + 1);
  const keys = new Map<string, string>();
  for (const line of lines) {
    const base = (count.get(line.id) ?? 0) > 1 ? `${line.kind}/${line.id}` : line.id;
    let key = base;
    for (let n = 2; keys.has(key); n++) key = `${base} (${n})`;
    keys.set(key, line.amount);
  }
  return keys;
}

function compare(expect: NonNullable<UsageDocument["expect"]>, result: Quote): Mismatch[] {
  const mismatches: Mismatch[] = [];
  if (expect.total !== result.total)
    mismatches.push({ what: "total", expected: expect.total ?? "", actual: result.total });
  if (expect.lines) {
    const actual = lineKeys(result.lines);
    for (const [id, amount] of Object.entries(expect.lines)) {
      const got = actual.get(id);
      if (got !== amount) mismatches.push({ what: `line ${id}`, expected: amount, actual: got ?? "(no such line)" });
    }
    for (const [id, amount] of actual)
      if (!Object.hasOwn(expect.lines, id))
        mismatches.push({ what: `line ${id}`, expected: "(no such line)", actual: amount });
  }
  if (expect.warnings) {
    const actual = result.warnings.map((w) => w.code);
    if (actual.join(",") !== expect.warnings.join(","))
      mismatches.push({
        what: "warnings",
        expected: expect.warnings.join(", ") || "none",
        actual: actual.join(", ") || "none",
      });
  }
  return mismatches;
}
