import { checkTiers } from "../check/tiers.js";
import { withOverrides } from "../compile/compile-overrides.js";
import { listed } from "../errors/format.js";
import type { ModePlan } from "../model/plan.js";
import { report, type UsageContext } from "./context.js";

/**
 * The mode with the document's agreed prices in place, after checking them as the rules' own
 * prices are checked: every charge and edition named exists in the mode, tiers ascend, and a
 * per-unit fee counts a meter of the mode. Undefined when a check fails (the problems say why).
 */
export function resolveOverrides(context: UsageContext, mode: ModePlan): ModePlan | undefined {
  const overrides = context.doc.overrides;
  if (!overrides) return mode;
  const before = context.problems.length;
  const charges = mode.charges.map((charge) => charge.id);
  for (const [id, agreed] of Object.entries(overrides.charges ?? {})) {
    const at = ["overrides", "charges", id];
    if (!charges.includes(id)) report(context, at, "usage.override", `overrides.charges names charge "${id}", which mode ${mode.id} does not have; its charges: ${listed(charges)}`, "key");
    else checkTiers(agreed.price, [...at, "price"], (path, code, message) => report(context, path, code, message));
  }
  for (const [id, agreed] of Object.entries(overrides.editions ?? {})) {
    const at = ["overrides", "editions", id];
    if (!mode.editions.has(id)) {
      report(context, at, "usage.override", `overrides.editions names edition "${id}", which mode ${mode.id} does not have; its editions: ${listed([...mode.editions.keys()])}`, "key");
      continue;
    }
    const commitment = agreed.commitment;
    const edition = mode.editions.get(id)!;
    if (commitment && !mode.charges.some((charge) => charge.meter === commitment.meter && (!charge.editions || charge.editions.has(edition.id)))) {
      report(
        context,
        [...at, "commitment", "meter"],
        "usage.override",
        `the commitment is on meter "${commitment.meter}", which no charge of ${edition.name} bills; its charges bill: ${listed([...new Set(mode.charges.filter((c) => !c.editions || c.editions.has(edition.id)).map((c) => c.meter))])}`,
      );
    }
    const spend = agreed.maximumSpend;
    if (typeof spend === "object" && spend.on !== "usage") {
      spend.on.forEach((charge, j) => {
        if (!charges.includes(charge))
          report(context, [...at, "maximumSpend", "on", j], "usage.override", `the spend limit caps charge "${charge}", which mode ${mode.id} does not have; its charges: ${listed(charges)}`);
      });
    }
    const fee = agreed.fee;
    if (typeof fee === "object" && !mode.meters.has(fee.per)) {
      report(context, [...at, "fee", "per"], "usage.override", `the fee counts meter "${fee.per}", which mode ${mode.id} does not have; its meters: ${listed([...mode.meters.keys()])}`);
    }
  }
  if (context.problems.length > before) return undefined;
  context.trace?.push({ rule: "overrides", text: `prices agreed with this customer replace ${listed([...Object.keys(overrides.charges ?? {}), ...Object.keys(overrides.editions ?? {})])}` });
  return withOverrides(mode, overrides);
}
