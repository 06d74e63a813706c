import { basename } from "node:path";
import { BUNDLED_RULES_DIR, findRuleSets, loadRuleSet, type RuleSet } from "../api.js";
import { RatecardError } from "../errors/ratecard-error.js";
import type { MeterSummary } from "../meter/run-meter.js";
import { groupText } from "../money/format.js";
import { UsageError, type CliIO, type Values } from "./command.js";

/** The options `meter` and `bill` share. */
export const EVENTS_OPTIONS = {
  events: { type: "string" },
  period: { type: "string" },
  ruleset: { type: "string" },
  rules: { type: "string" },
  mode: { type: "string" },
  memory: { type: "string" },
} as const;

/** The rule set named by --ruleset, and the checked --events and --period. */
export function eventsRequest(command: string, values: Values, positionals: string[]): { ruleSet: RuleSet; rulesDir: string; events: string; period: string; mode?: string; memoryLimit?: string } {
  if (positionals.length) throw new UsageError(`${command} takes its input from --events`);
  for (const name of ["events", "period", "ruleset"] as const) if (typeof values[name] !== "string") throw new UsageError(`${command} needs --${name}`);
  const rulesDir = (values.rules as string | undefined) ?? BUNDLED_RULES_DIR;
  const dir = findRuleSets(rulesDir).find((candidate) => basename(candidate) === values.ruleset);
  if (!dir) throw new RatecardError([{ code: "usage.ruleset", message: `unknown rule set "${String(values.ruleset)}" under ${rulesDir}`, path: [] }]);
  const mode = values.mode as string | undefined;
  const memoryLimit = values.memory as string | undefined;
  return { ruleSet: loadRuleSet(dir), rulesDir, events: values.events as string, period: values.period as string, ...(mode ? { mode } : {}), ...(memoryLimit ? { memoryLimit } : {}) };
}

/** A progress line on a terminal while DuckDB works: the share done when the engine knows it, and the time so far. */
export function meterProgress(io: CliIO): ((percent: number) => void) | undefined {
  if (!io.interactive) return undefined;
  const started = Date.now();
  return (percent) => {
    const seconds = Math.round((Date.now() - started) / 1000); // eslint-disable-line ratecard/no-float-money -- elapsed seconds for people
    io.stderr(`\rmetering events: ${percent > 0 ? `${Math.floor(percent)}%, ` : ""}${seconds} s`); // eslint-disable-line ratecard/no-float-money -- a progress percentage
  };
}

/** What the events gave: metered, outside the month, refused by meter and reason. */
export function meterSummaryText(summary: MeterSummary, period: string): string {
  let metered = 0;
  let outside = 0;
  const refusals: string[] = [];
  for (const [meter, outcomes] of Object.entries(summary.outcomes)) {
    for (const [outcome, count] of Object.entries(outcomes)) {
      if (outcome === "metered") metered += count;
      else if (outcome === "outside") outside += count;
      else refusals.push(`  refused: ${groupText(String(count))} ${meter} events: ${outcome}\n`);
    }
  }
  const count = (n: number) => groupText(String(n));
  return `events: ${count(metered)} metered, ${count(outside)} outside ${period}, ${count(summary.refused)} refused (an event counts once per meter that reads it)\n${refusals.join("")}`;
}
