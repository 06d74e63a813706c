import type { Need } from "../decide/needs.js";
import { needText } from "../decide/needs.js";
import type { Subscription, SubscriptionCount, SubscriptionSpace } from "../decide/subscriptions.js";
import { groupText } from "../money/format.js";
import { scaledString } from "../money/decimal.js";

/** A subscription's add-ons in words: `sso + audit-log (365)`, or `—`. */
function addonsText(subscription: Subscription): string {
  const names = Object.entries(subscription.addons).map(([id, value]) =>
    typeof value === "object" && !Object.hasOwn(value, "quantity") ? `${id} (${Object.values(value).join(", ")})` : id,
  );
  return names.join(" + ") || "—";
}

function monthlyText(subscription: Subscription, scale: number): string {
  const perUnit = subscription.perUnit
    ? ` (1 ${subscription.perUnit.unit} at ${groupText(scaledString(subscription.perUnit.unitPrice, scale))})`
    : "";
  return `${groupText(scaledString(subscription.monthly, scale))}${perUnit}`;
}

function rowsOf(found: SubscriptionCount, scale: number): string[][] {
  const row = (label: string, s: Subscription | undefined) =>
    s ? [[label, s.mode, s.edition, addonsText(s), monthlyText(s, scale)]] : [];
  return [...row("Cheapest", found.cheapest), ...row("Most expensive", found.mostExpensive)];
}

function countText(found: SubscriptionCount): string {
  const count = groupText(found.count.toString());
  return found.priced === found.count
    ? count
    : `${count} (${groupText(found.priced.toString())} with a published price)`;
}

/** `ratecard subscriptions` for people. */
export function renderSubscriptions(
  ruleSet: string,
  space: SubscriptionSpace,
  currency: string,
  scale: number,
): string {
  const out = [`Subscriptions of ${ruleSet}: ${countText(space)}`];
  for (const mode of space.modes)
    out.push(
      `  ${mode.mode}${mode.version ? ` (prices from ${mode.version})` : ""}: ${groupText(mode.count.toString())}`,
    );
  const rows = rowsOf(space, scale);
  if (space.meetingNeeds) {
    out.push(`Meeting ${space.needs.map(needText).join(", ")}: ${countText(space.meetingNeeds)}`);
    rows.push(...rowsOf(space.meetingNeeds, scale).map(([label, ...rest]) => [`${label} meeting the needs`, ...rest]));
  }
  if (rows.length) out.push("", ...table([["", "Mode", "Edition", "Add-ons", `Monthly (${currency})`], ...rows]));
  out.push("", "Monthly: at zero usage, before discounts; what is sold by the unit (seats, users) counted for one.");
  return `${out.join("\n")}\n`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd(),
  );
}

/** The JSON of `ratecard subscriptions --format json`: counts as decimal strings, amounts exact. */
export function subscriptionsJson(ruleSet: string, currency: string, scale: number, space: SubscriptionSpace) {
  const subscription = (s: Subscription | undefined) =>
    s
      ? {
          mode: s.mode,
          edition: s.edition,
          addons: s.addons,
          monthly: scaledString(s.monthly, scale),
          ...(s.perUnit
            ? { perUnit: { unitPrice: scaledString(s.perUnit.unitPrice, scale), unit: s.perUnit.unit } }
            : {}),
        }
      : null;
  const counts = (found: SubscriptionCount) => ({
    count: found.count.toString(),
    priced: found.priced.toString(),
    cheapest: subscription(found.cheapest),
    mostExpensive: subscription(found.mostExpensive),
  });
  const need = (n: Need) => ({
    entitlement: n.entitlement,
    atLeast: n.atLeast === "unlimited" ? "unlimited" : n.atLeast.toFixed(),
  });
  return {
    ruleset: ruleSet,
    currency,
    ...counts(space),
    modes: space.modes.map((m) => ({ ...m, count: m.count.toString() })),
    ...(space.meetingNeeds ? { needs: space.needs.map(need), meetingNeeds: counts(space.meetingNeeds) } : {}),
  };
}
