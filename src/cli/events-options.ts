import { basename } from "node:path";
import { BUNDLED_RULES_DIR, findRuleSets } from "../api.js";
import type { Plan } from "../model/plan.js";
import { loadPlan } from "../rulesets/load-ruleset.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { ENGINES } from "../meter/engine.js";
import type { MeterRequest, MeterSummary } from "../meter/run-meter.js";
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
  engine: { type: "string" },
  url: { type: "string" },
  table: { type: "string" },
} as const;

/** The rule set named by --ruleset, and the checked --events and --period. */
export function eventsRequest(
  command: string,
  values: Values,
  positionals: string[],
): { ruleSet: Plan; rulesDir: string } & MeterRequest {
  if (positionals.length) throw new UsageError(`${command} takes its input from --events`);
  for (const name of ["period", "ruleset"] as const)
    if (typeof values[name] !== "string") throw new UsageError(`${command} needs --${name}`);
  if (typeof values.events !== "string" && typeof values.table !== "string")
    throw new UsageError(`${command} needs --events (or --table with --engine clickhouse)`);
  const engine = values.engine as string | undefined;
  if (engine !== undefined && !(ENGINES as readonly string[]).includes(engine))
    throw new UsageError(`--engine must be ${ENGINES.join(", ")}, not "${engine}"`);
  const rulesDir = (values.rules as string | undefined) ?? BUNDLED_RULES_DIR;
  const dir = findRuleSets(rulesDir).find((candidate) => basename(candidate) === values.ruleset);
  if (!dir)
    throw new RatecardError([
      { code: "usage.ruleset", message: `unknown rule set "${String(values.ruleset)}" under ${rulesDir}`, path: [] },
    ]);
  const mode = values.mode as string | undefined;
  const memoryLimit = values.memory as string | undefined;
  const optional = { events: values.events, table: values.table, url: values.url, mode, memoryLimit, engine };
  return {
    ruleSet: loadPlan(dir),
    rulesDir,
    period: values.period as string,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

/** A progress line on a terminal while the engine works: the share done when the engine knows it, and the time so far. */
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
