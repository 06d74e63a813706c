import type { DocPath, SourcePosition } from "../errors/problem.js";
import type { RuleSetFiles, Sourced } from "../validate/read-ruleset.js";
import type { ModeDoc } from "../model/document.js";
import type { ModePlan, Plan } from "../model/plan.js";
import type { LintFacts } from "./facts.js";

export type Severity = "error" | "warning";

/** One lint finding: which rule, how severe, what and where. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  path: DocPath;
  source?: SourcePosition;
}

/** What a lint rule sees: the rule files as written, the compiled plan and the facts shared by rules. */
export interface LintContext {
  files: RuleSetFiles;
  plan: Plan;
  facts: LintFacts;
}

type Report<M extends string> = (
  messageId: M,
  data: Record<string, string | number>,
  where: { in: Sourced<unknown>; path: DocPath; on?: "value" | "key" },
) => void;

/**
 * A lint rule: one per file under lint/rules/, named by its id. Messages are templates keyed
 * by id, with {placeholders} filled from the data a report passes.
 */
export interface LintRule<M extends string = string> {
  id: string;
  description: string;
  defaultSeverity: Severity;
  messages: Record<M, string>;
  run(context: LintContext, report: Report<M>): void;
}

/** Each mode file beside the version compiled from it: the plan lists its versions in the order of the files. */
export function compiledModes(files: RuleSetFiles, plan: Plan): { sourced: Sourced<ModeDoc>; mode: ModePlan }[] {
  return files.modes.flatMap((sourced, index) => {
    const mode = plan.versions[index];
    return mode ? [{ sourced, mode }] : [];
  });
}

export function defineRule<M extends string>(rule: LintRule<M>): LintRule<M> {
  return rule;
}

export function fill(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (Object.hasOwn(data, key) ? String(data[key]) : match));
}
