import { readFileSync } from "node:fs";
import { loadRuleSet, parseUsage, ruleSetDirFor } from "../api.js";
import { compare, recommend } from "../decide/choose.js";
import { parseNeed, type Need } from "../decide/needs.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { validateDocument } from "../validate/validate-document.js";
import type { UsageDocument } from "../model/usage.js";
import { optionJson, renderComparison, renderRecommendation } from "../render/decisions.js";
import type { CliIO } from "./main.js";

interface DecideOptions {
  command: "compare" | "recommend";
  file: string;
  rulesDir: string;
  format: "table" | "json";
  needs: string[];
}

/** `ratecard compare` and `ratecard recommend`: one usage document priced every way the app may buy. */
export async function decideCommand(options: DecideOptions, io: CliIO): Promise<number> {
  const needs = options.needs.map(parseNeed);
  const bad = needs.find((n): n is string => typeof n === "string");
  if (bad) throw new RatecardError([{ code: "usage.need", message: bad, path: [] }]);
  const name = options.file === "-" ? "<stdin>" : options.file;
  const usage = parseUsage(options.file === "-" ? await io.readStdin() : readFileSync(options.file, "utf8"), name);
  const invalid = validateDocument(usage, "usage");
  if (invalid.length) throw new RatecardError(invalid);
  const ruleSet = loadRuleSet(ruleSetDirFor(options.rulesDir, usage));
  const doc = usage.data as UsageDocument;
  const { scale, currency } = ruleSet.money;
  if (options.command === "compare") {
    const result = compare(ruleSet, doc);
    io.stdout(
      options.format === "json"
        ? `${JSON.stringify({ currency, current: { ...result.current, total: result.current.total.toFixed(scale) }, needs: result.needs.map(needJson), options: result.options.map((o) => optionJson(o, scale)), breakEvens: result.breakEvens.map((b) => ({ ...b, factor: b.factor.toFixed() })) }, null, 2)}\n`
        : renderComparison(result, currency, scale),
    );
    return 0;
  }
  const result = recommend(ruleSet, doc, needs as Need[]);
  io.stdout(
    options.format === "json"
      ? `${JSON.stringify({ currency, needs: result.needs.map(needJson), best: result.best ? optionJson(result.best, scale) : null, options: result.options.map((o) => optionJson(o, scale)) }, null, 2)}\n`
      : renderRecommendation(result, currency, scale),
  );
  return result.best ? 0 : 1;
}

function needJson(need: Need) {
  return { entitlement: need.entitlement, atLeast: need.atLeast === "unlimited" ? "unlimited" : need.atLeast.toFixed() };
}
