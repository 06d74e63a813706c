import { readFileSync } from "node:fs";
import { BUNDLED_RULES_DIR } from "../api.js";
import { lintRuleSet } from "../lint/index.js";
import type { Finding } from "../lint/rule.js";
import { ruleSetsIn } from "./rule-sets.js";
import { choice, rulesDirArgument, type CliIO, type Command } from "./command.js";

/** `ratecard check [--format text|json] [RULES_DIR]`: validation plus lint, with a caret under each finding. */
export const checkCommand: Command = {
  name: "check",
  options: { format: { type: "string", default: "text" } },
  run: (values, positionals, io) =>
    check(
      rulesDirArgument(positionals, "check", BUNDLED_RULES_DIR),
      choice(values.format, ["text", "json"], "--format"),
      io,
    ),
};

function check(dir: string, format: "text" | "json", io: CliIO): number {
  const ruleSets = ruleSetsIn(dir);
  const results = ruleSets.map((ruleSet) => ({ ruleSet, findings: lintRuleSet(ruleSet) }));
  if (format === "json") io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  else for (const { ruleSet, findings } of results) io.stdout(renderFindings(ruleSet, findings));
  return results.some(({ findings }) => findings.some((f) => f.severity === "error")) ? 1 : 0;
}

function renderFindings(ruleSet: string, findings: Finding[]): string {
  const lines = findings.flatMap((finding) => [formatFinding(finding), ...excerpt(finding)]);
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  lines.push(`${ruleSet}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return `${lines.join("\n")}\n`;
}

/** `file:line:col  severity  rule-id  message` */
function formatFinding(finding: Finding): string {
  const where = finding.source ? `${finding.source.file}:${finding.source.line}:${finding.source.col}  ` : "";
  return `${where}${finding.severity}  ${finding.rule}  ${finding.message}`;
}

/** The source line with a caret under the column. */
function excerpt(finding: Finding): string[] {
  if (!finding.source) return [];
  let text: string | undefined;
  try {
    text = readFileSync(finding.source.file, "utf8").split(/\r?\n/)[finding.source.line - 1];
  } catch {
    return [];
  }
  if (text === undefined) return [];
  const gutter = String(finding.source.line).padStart(5);
  return [`${gutter} | ${text}`, `${" ".repeat(gutter.length)} | ${" ".repeat(finding.source.col - 1)}^`];
}
