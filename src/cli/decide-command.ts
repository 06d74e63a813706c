import { BUNDLED_RULES_DIR, ruleSetDirFor } from "../api.js";
import { loadPlan } from "../rulesets/load-ruleset.js";
import { compare, recommend } from "../decide/choose.js";
import { parseNeed, type Need } from "../decide/needs.js";
import { optionJson, renderComparison, renderRecommendation } from "../render/decisions.js";
import { choice, oneFile, UsageError, type CliIO, type Command } from "./command.js";
import { readUsage } from "./read-usage.js";

interface DecideOptions {
  command: "compare" | "recommend";
  file: string;
  rulesDir: string;
  format: "table" | "json";
  needs: string[];
}

const options = { rules: { type: "string" }, format: { type: "string", default: "table" } } as const;

/** `ratecard compare [--rules DIR] [--format table|json] FILE|-` */
export const compareCommand: Command = {
  name: "compare",
  options,
  run: (values, positionals, io) =>
    decide(
      {
        command: "compare",
        file: oneFile(positionals, "compare"),
        rulesDir: (values.rules as string | undefined) ?? BUNDLED_RULES_DIR,
        format: choice(values.format, ["table", "json"], "--format"),
        needs: [],
      },
      io,
    ),
};

/** `ratecard recommend [--rules DIR] [--format table|json] FILE|- --need KEY>=VALUE …` */
export const recommendCommand: Command = {
  name: "recommend",
  options: { ...options, need: { type: "string", multiple: true } },
  run: (values, positionals, io) => {
    const needs = (values.need as string[] | undefined) ?? [];
    if (needs.length === 0) throw new UsageError("recommend needs at least one --need KEY>=VALUE");
    return decide(
      {
        command: "recommend",
        file: oneFile(positionals, "recommend"),
        rulesDir: (values.rules as string | undefined) ?? BUNDLED_RULES_DIR,
        format: choice(values.format, ["table", "json"], "--format"),
        needs,
      },
      io,
    );
  },
};

/** One usage document priced every way the app may buy. */
async function decide(options: DecideOptions, io: CliIO): Promise<number> {
  const needs = options.needs.map(parseNeed);
  const usage = await readUsage(options.file, io);
  const ruleSet = loadPlan(ruleSetDirFor(options.rulesDir, usage));
  const { scale, currency } = ruleSet.money;
  if (options.command === "compare") {
    const result = compare(ruleSet, usage);
    io.stdout(
      options.format === "json"
        ? `${JSON.stringify({ currency, current: { ...result.current, total: result.current.total.toFixed(scale) }, needs: result.needs.map(needJson), keptAddons: result.keptAddons, options: result.options.map((o) => optionJson(o, scale)), breakEvens: result.breakEvens.map((b) => ({ ...b, factor: b.factor.toFixed() })) }, null, 2)}\n`
        : renderComparison(result, currency, scale),
    );
    return 0;
  }
  const result = recommend(ruleSet, usage, needs);
  io.stdout(
    options.format === "json"
      ? `${JSON.stringify({ currency, needs: result.needs.map(needJson), best: result.best ? optionJson(result.best, scale) : null, options: result.options.map((o) => optionJson(o, scale)) }, null, 2)}\n`
      : renderRecommendation(result, currency, scale),
  );
  return result.best ? 0 : 1;
}

function needJson(need: Need) {
  return {
    entitlement: need.entitlement,
    atLeast: need.atLeast === "unlimited" ? "unlimited" : need.atLeast.toFixed(),
  };
}
