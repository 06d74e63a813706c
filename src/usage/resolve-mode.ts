import type { MigrationPlan, ModePlan } from "../model/plan.js";
import { own } from "../guard/own.js";
import { listed } from "../errors/format.js";
import { report, type UsageContext } from "./context.js";

/**
 * Picks the billing mode: a one-way migration dated on or before the period's last day
 * forces its target; otherwise the document's `mode:`, else the first selection rule that
 * matches the app's facts, else the default. The mode must be open to the app and in force.
 */
export function resolveMode(context: UsageContext): ModePlan | undefined {
  const { plan, doc } = context;
  const facts = { app: doc.app ?? {}, period: context.period.month };
  const migrated = latestMigration(context);
  let modeId: string;
  if (doc.mode !== undefined) {
    modeId = doc.mode;
    if (!plan.modes.has(modeId)) {
      report(
        context,
        ["mode"],
        "usage.mode",
        `unknown mode "${modeId}"; rule set ${plan.id} has: ${listed([...plan.modes.keys()])}`,
      );
      return undefined;
    }
    if (migrated && !migrated.reversible && modeId === migrated.from) {
      report(
        context,
        ["mode"],
        "usage.mode-after-migration",
        `the app migrated from ${migrated.from} to ${migrated.to} on ${factOf(context, migrated)}; the migration is one-way, so ${context.period.month} is billed in ${migrated.to}, not ${migrated.from}`,
      );
      return undefined;
    }
    context.trace?.push({ rule: "selection", text: `mode ${modeId}: named in the usage document` });
  } else if (migrated) {
    modeId = migrated.to;
    context.trace?.push({
      rule: "selection",
      text: `mode ${modeId}: the app migrated from ${migrated.from} on ${factOf(context, migrated)}`,
    });
  } else {
    const index = plan.selection.rules.findIndex((rule) => rule.when(facts));
    modeId = plan.selection.rules[index]?.mode ?? plan.selection.default;
    context.trace?.push({
      rule: "selection",
      text:
        index >= 0
          ? `mode ${modeId}: the app's facts match selection rule ${index + 1}`
          : `mode ${modeId}: the rule set's default`,
    });
  }
  // Selection and migrations name modes of the plan (checked at load); one with no versions has none in force.
  const mode = pickVersion(context, modeId, plan.modes.get(modeId) ?? []);
  if (!mode) return undefined;
  if (mode.available && !mode.available.when(facts)) {
    report(context, doc.mode !== undefined ? ["mode"] : ["app"], "usage.mode-unavailable", mode.available.message);
    return undefined;
  }
  return mode;
}

/** The date the app's fact gives for a migration (own properties only), if it gives one. */
function factOf(context: UsageContext, migration: MigrationPlan): string | undefined {
  let node: unknown = context.doc.app;
  for (const key of migration.factPath)
    node = typeof node === "object" && node !== null ? own(node as Record<string, unknown>, key) : undefined;
  return typeof node === "string" ? node : undefined;
}

/** The migration in effect for the period: dated on or before its last day. */
function latestMigration(context: UsageContext): MigrationPlan | undefined {
  let found: { migration: MigrationPlan; date: string } | undefined;
  for (const migration of context.plan.migrations) {
    const date = factOf(context, migration);
    if (!date || date > context.period.to) continue;
    if (!found || date > found.date) found = { migration, date };
    if (date >= context.period.from) {
      context.warnings.push({
        code: "mode.migrated-in-period",
        message: `the app migrated from ${migration.from} to ${migration.to} on ${date}, inside ${context.period.month}; the whole month is quoted in ${migration.to}`,
      });
    }
  }
  return found?.migration;
}

/** Whether a version's prices are in force on `date`. */
function inForceOn(version: ModePlan, date: string): boolean {
  const { from, until } = version.effective ?? {};
  return (!from || from <= date) && (!until || date < until);
}

function range(version: ModePlan): string {
  const { from, until } = version.effective ?? {};
  return from && until ? `from ${from} until ${until}` : from ? `from ${from}` : until ? `until ${until}` : "always";
}

/**
 * The price version for the period: the one in force on its first day, else one that starts
 * during it. A month that a version covers only in part is quoted at it, with a warning.
 */
function pickVersion(context: UsageContext, modeId: string, versions: readonly ModePlan[]): ModePlan | undefined {
  const { period } = context;
  const overlaps = (v: ModePlan) =>
    (!v.effective?.from || v.effective.from <= period.to) && (!v.effective?.until || v.effective.until > period.from);
  const version = versions.find((v) => inForceOn(v, period.from)) ?? versions.find(overlaps);
  if (!version) {
    const path = context.doc.mode !== undefined ? ["mode"] : ["period"];
    report(
      context,
      path,
      "usage.mode-not-effective",
      `mode ${modeId} has prices ${versions.map(range).join(", ")}; none apply to ${period.month}`,
    );
    return undefined;
  }
  if (versions.length > 1)
    context.trace?.push({
      rule: "version",
      text: `prices of mode ${modeId} in force ${range(version)}${version.effective?.note ? ` (${version.effective.note})` : ""}`,
    });
  if (!inForceOn(version, period.from) || !inForceOn(version, period.to)) {
    context.warnings.push({
      code: "period.partly-effective",
      message: `the prices used (mode ${modeId}, in force ${range(version)}) apply to only part of ${period.month}; the whole month is quoted at them`,
    });
  }
  return version;
}
