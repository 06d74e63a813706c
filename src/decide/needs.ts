import { assertMapping, RatecardError, readArgument, refuseArgument } from "../errors/ratecard-error.js";
import { Decimal } from "../money/decimal.js";
import { readDecimal } from "../money/read-decimal.js";
import { groupDigits } from "../money/format.js";
import type { Limit } from "../model/plan.js";
import { assertString, guarded } from "../errors/entry.js";

/** A stated need on an entitlement: at least a number, or unlimited. */
export interface Need {
  /** The entitlement id, as the rule set declares it. */
  entitlement: string;
  /** The least acceptable limit, or `unlimited`. */
  atLeast: Limit;
}

/**
 * Parses `seats>=10` or `regions=unlimited`.
 * @throws RatecardError (`usage.need`) when the text is not a need.
 */
export function parseNeed(text: string): Need {
  return guarded(() => {
    assertString(text, "need", 200);
    const [, entitlement, , amount] = /^([a-z0-9][a-z0-9-]*)\s*(>=|=)\s*(unlimited|\d+)$/.exec(text.trim()) ?? [];
    const value = amount === "unlimited" ? "unlimited" : readDecimal(amount);
    if (entitlement === undefined || amount === undefined || (typeof value === "string" && value !== "unlimited")) {
      const why = amount === undefined ? "cannot read it" : `${amount} is too large`;
      throw new RatecardError([
        {
          code: "usage.need",
          message: `need "${text}": ${why}; write KEY>=NUMBER or KEY=unlimited (e.g. seats>=10)`,
          path: [],
        },
      ]);
    }
    return { entitlement, atLeast: value };
  });
}

/** The caller's needs, checked and copied once: each a need from parseNeed(), read afresh so that no look-alike reaches the arithmetic. */
export function readNeeds(needs: unknown): Need[] {
  return readArgument("needs", () => {
    if (!Array.isArray(needs)) refuseArgument("needs must be a list of needs from parseNeed()");
    return needs.map((need: unknown, i) => {
      assertMapping(need, `needs[${i}]`, "a need from parseNeed()");
      const { entitlement, atLeast } = need;
      const limit =
        atLeast === "unlimited" ? atLeast : readDecimal(atLeast instanceof Decimal ? atLeast.toFixed() : undefined);
      if (typeof entitlement !== "string" || (typeof limit === "string" && limit !== "unlimited"))
        refuseArgument(`needs[${i}] must be a need from parseNeed(): { entitlement, atLeast }`);
      return { entitlement, atLeast: limit };
    });
  });
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
  return need.atLeast === "unlimited"
    ? `${need.entitlement}=unlimited`
    : `${need.entitlement}>=${need.atLeast.toFixed()}`;
}
