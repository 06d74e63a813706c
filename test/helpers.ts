import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPlan } from "../src/rulesets/load-ruleset.js";
import { assertRuleSet } from "../src/compile/compiled.js";
import type { Plan, RuleSet } from "../src/model/plan.js";
import { quote, RatecardError, runCli, type Quote, type UsageDocument } from "../src/index.js";

export const ROOT = join(import.meta.dirname, "..");
export const RULES = join(ROOT, "rules");

/**
 * The rule sets this repository ships. Tests read these by name, never "whatever is under rules/",
 * so an author's own `ratecard init rules/my-product` leaves the suite green.
 */
export const BUNDLED = ["example-api", "example-saas", "infra-monitor", "object-store", "tencent-im"] as const;
export const BUNDLED_DIRS = BUNDLED.map((id) => join(RULES, id));

let bundledCopy: string | undefined;
/** A rules folder holding only the bundled rule sets (a copy, made once per test file). */
export function bundledRules(): string {
  if (bundledCopy) return bundledCopy;
  const dir = join(mkdtempSync(join(tmpdir(), "ratecard-bundled-")), "rules");
  for (const id of BUNDLED) cpSync(join(RULES, id), join(dir, id), { recursive: true });
  return (bundledCopy = dir);
}

export const tencent = loadPlan(join(RULES, "tencent-im"));
export const saas = loadPlan(join(RULES, "example-saas"));

/** Quotes a Tencent IM usage document; period and ruleset default to October 2026. */
export function tencentQuote(usage: Partial<UsageDocument>): Quote {
  return quote(tencent, { ruleset: "tencent-im", period: "2026-10", usage: {}, ...usage }, { explain: true });
}

export function saasQuote(usage: Partial<UsageDocument>): Quote {
  return quote(saas, { ruleset: "example-saas", period: "2026-10", usage: {}, ...usage }, { explain: true });
}

/** The problems a call throws, as `code` list; fails when it does not throw a RatecardError. */
export function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof RatecardError) return error.problems;
    throw error;
  }
  throw new Error("expected a RatecardError");
}

/** What a call throws; fails when it returns. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw; it returned");
}

/** A call's value, or the RatecardError it throws (any other error is rethrown): for properties where either outcome is right. */
export function valueOrRefusal<T>(run: () => T): T | RatecardError {
  try {
    return run();
  } catch (error) {
    if (error instanceof RatecardError) return error;
    throw error;
  }
}

export function amounts(q: Quote): Record<string, string> {
  return Object.fromEntries(q.lines.map((line) => [line.id, line.amount]));
}

/** Runs the CLI in-process, collecting what it prints. */
export async function cli(args: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    readStdin: async () => stdin,
    stdinStream: async function* () {
      yield stdin;
    },
    stdout: (t) => (stdout += typeof t === "string" ? t : Buffer.from(t).toString()),
    drained: async () => {},
    stderr: (t) => (stderr += t),
    interactive: false,
  });
  return { code, stdout, stderr };
}

/** The engines every events test runs on: the same events must give the same documents on each. */
export const EVENT_ENGINES = ["duckdb", "chdb"] as const;

/** The compiled plan behind a public rule set, for tests that look inside it. */
export function planOf(ruleSet: RuleSet): Plan {
  assertRuleSet(ruleSet);
  return ruleSet;
}
