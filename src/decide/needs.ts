import { Decimal } from "../money/decimal.js";
import { groupDigits } from "../money/format.js";
import type { Limit } from "../model/plan.js";

/** A stated need on an entitlement: at least a number, or unlimited. */
export interface Need {
  /** The entitlement id, as the rule set declares it. */
  entitlement: string;
  /** The least acceptable limit, or `unlimited`. */
  atLeast: Limit;
}

/** Parses `members-per-group>=2000` or `av-groups=unlimited`; a string is the reason it cannot. */
export function parseNeed(text: string): Need | string {
  const match = /^([a-z0-9][a-z0-9-]*)\s*(>=|=)\s*(unlimited|\d+)$/.exec(text.trim());
  if (!match) return `cannot read need "${text}"; write KEY>=NUMBER or KEY=unlimited (e.g. members-per-group>=2000)`;
  const [, entitlement, , value] = match as unknown as [string, string, string, string];
  return { entitlement, atLeast: value === "unlimited" ? "unlimited" : new Decimal(value) };
}

export function meets(limit: Limit | undefined, need: Need): boolean {
  if (limit === undefined) return false;
  if (limit === "unlimited") return true;
  return need.atLeast !== "unlimited" && limit.gte(need.atLeast);
}

export function limitText(limit: Limit | undefined): string {
  return limit === undefined ? "not stated" : limit === "unlimited" ? "unlimited" : groupDigits(limit);
}

export function needText(need: Need): string {
  return need.atLeast === "unlimited" ? `${need.entitlement}=unlimited` : `${need.entitlement}>=${need.atLeast.toFixed()}`;
}
