import { loadPlan } from "../rulesets/load-ruleset.js";
import { parseNeed } from "../decide/needs.js";
import { subscriptions } from "../decide/subscriptions.js";
import { renderSubscriptions, subscriptionsJson } from "../render/subscriptions.js";
import { choice, UsageError, type Command } from "./command.js";

/** `ratecard subscriptions [--need KEY>=VALUE …] [--format table|json] [--mode M] RULES_DIR` */
export const subscriptionsCommand: Command = {
  name: "subscriptions",
  options: {
    need: { type: "string", multiple: true },
    format: { type: "string", default: "table" },
    mode: { type: "string" },
  },
  run: (values, positionals, io) => {
    if (positionals.length !== 1) throw new UsageError("subscriptions takes one rule-set folder");
    const format = choice(values.format, ["table", "json"], "--format");
    const needs = ((values.need as string[] | undefined) ?? []).map(parseNeed);
    const ruleSet = loadPlan(positionals[0]!);
    const mode = values.mode as string | undefined;
    const space = subscriptions(ruleSet, { needs, ...(mode !== undefined ? { mode } : {}) });
    const { currency, scale } = ruleSet.money;
    io.stdout(
      format === "json"
        ? `${JSON.stringify(subscriptionsJson(ruleSet.id, currency, scale, space), null, 2)}\n`
        : renderSubscriptions(ruleSet.id, space, currency, scale),
    );
    return 0;
  },
};
