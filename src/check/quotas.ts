import type { ProblemCode } from "../errors/codes.js";
import type { DocPath, Problem } from "../errors/problem.js";
import { isPerDay, type DecimalText, type QuotaDoc } from "../model/document.js";
import { Decimal } from "../money/decimal.js";
import { problemIn, type Check } from "./context.js";

/** What the quota checks read of a meter: a rule file's or a compiled plan's. */
export interface QuotaMeter {
  integer?: boolean;
  dimensions?: readonly unknown[];
  input?: string;
  aggregate?: string;
}

export type QuotaReport = (path: DocPath, code: ProblemCode, message: string) => void;

const hasDimensions = (meter: QuotaMeter) => (meter.dimensions?.length ?? 0) > 0;

/**
 * One edition's quota on meter `id` (which exists): an allotment per unit of a meter without
 * dimensions, no hard limit to share between cells, and whole amounts on a count meter. The
 * rules' quotas and a customer's agreed quotas are checked alike.
 */
export function checkQuota(
  meters: ReadonlyMap<string, QuotaMeter>,
  id: string,
  quota: QuotaDoc,
  edition: string,
  at: DocPath,
  report: QuotaReport,
): void {
  const meter = meters.get(id);
  if (!meter) return; // a quota on no meter of the mode is the references check's
  checkFirstMonths(quota, id, edition, at, report);
  if (isPerDay(quota.included)) checkPerDay(meter, id, quota.included.perDay, edition, at, report);
  else if (typeof quota.included === "object") {
    const { per } = quota.included;
    const perMeter = meters.get(per);
    if (!perMeter)
      report(
        [...at, "included", "per"],
        "ref.unknown-meter",
        `edition ${edition} includes ${id} per ${per}, which is not a meter of the mode`,
      );
    else if (hasDimensions(perMeter))
      report(
        [...at, "included", "per"],
        "quota.per",
        `edition ${edition} includes ${id} per ${per}, but ${per} has dimensions: an allotment multiplies one month value`,
      );
  }
  if (hasDimensions(meter) && quota.limit !== undefined) {
    report(
      [...at, "limit"],
      "dimension.limit",
      `meter ${id} has dimensions; a hard limit on it would have to be shared between cells, which the rules do not say how to do`,
    );
  }
  if (meter.integer === false) return;
  for (const field of ["included", "limit"] as const) {
    const value = quota[field];
    if (value !== undefined && typeof value !== "object" && !new Decimal(value).isInteger()) {
      report(
        [...at, field],
        "quota.fraction",
        `edition ${edition}'s ${field} ${String(value)} on ${id} is not a whole number, but ${id} counts whole units; set \`integer: false\` on the meter if it is fractional`,
      );
    }
  }
}

/** A daily allowance needs each day's value: a sum of daily values on a meter without dimensions. */
function checkPerDay(
  meter: QuotaMeter,
  id: string,
  perDay: DecimalText,
  edition: string,
  at: DocPath,
  report: QuotaReport,
): void {
  const path = [...at, "included", "perDay"];
  const lacks = [
    meter.input !== "daily" && "is not read from daily values (set `input: daily`)",
    meter.aggregate !== "sum" && `is the ${meter.aggregate ?? "unknown"} of its values, not their sum`,
    hasDimensions(meter) && "has dimensions (an allowance would have to be shared between cells)",
  ].filter(Boolean);
  if (lacks.length)
    report(
      path,
      "quota.daily",
      `edition ${edition} includes ${String(perDay)} ${id} a day, but meter ${id} ${lacks.join(" and ")}: a daily allowance is taken off each day's value`,
    );
  if (meter.integer !== false && !new Decimal(perDay).isInteger())
    report(
      path,
      "quota.fraction",
      `edition ${edition}'s daily allowance ${String(perDay)} on ${id} is not a whole number, but ${id} counts whole units; set \`integer: false\` on the meter if it is fractional`,
    );
}

/** A quota for the first months grants an included quantity or a daily allowance, not an allotment per unit of a meter. */
function checkFirstMonths(quota: QuotaDoc, id: string, edition: string, at: DocPath, report: QuotaReport): void {
  if (quota.firstMonths === undefined) return;
  const included = quota.included;
  if (included === undefined || (typeof included === "object" && !isPerDay(included)))
    report(
      [...at, "firstMonths"],
      "quota.first-months",
      `edition ${edition}'s quota on ${id} is granted in the first ${quota.firstMonths} months, but ${included === undefined ? "includes nothing" : "is an allotment per unit of a meter, which cannot be prorated by day"}: give \`included\` as a quantity or \`{ perDay: N }\``,
    );
}

/**
 * Every edition's quotas, checked by checkQuota, and add-on quantities allotted per unit of a
 * meter without dimensions (a meter that does not exist is the references check's).
 */
export const quotas: Check = {
  id: "quotas",
  description:
    "An allotment per unit of another meter (an included quota or an add-on's most units) names a meter without dimensions; a meter with dimensions has no hard limit; a count meter's quotas are whole numbers; a daily allowance is on a sum of daily values without dimensions; a quota for the first months includes a quantity or a daily allowance.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      const meters = new Map(mode.doc.meters.map((meter) => [meter.id, meter]));
      mode.doc.editions.forEach((edition, i) => {
        for (const [id, quota] of Object.entries(edition.quotas ?? {})) {
          if (meters.has(id))
            checkQuota(meters, id, quota, edition.id, ["editions", i, "quotas", id], (path, code, message) =>
              problems.push(problemIn(mode, path, code, message)),
            );
        }
      });
      mode.doc.addons?.forEach((addon, i) => {
        const { quantity } = addon;
        const max = quantity?.max;
        const per =
          typeof max === "object" && Object.hasOwn(max, "per") ? meters.get((max as { per: string }).per) : undefined;
        if (quantity && per && hasDimensions(per))
          problems.push(
            problemIn(
              mode,
              ["addons", i, "quantity", "max", "per"],
              "quota.per",
              `add-on ${addon.id} allows ${quantity.plural ?? `${quantity.unit}s`} per ${per.id}, but ${per.id} has dimensions: an allotment multiplies one month value`,
            ),
          );
      });
    }
    return problems;
  },
};
